<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionBar</name>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="40"/>
        <source>New (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="41"/>
        <source>Print (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="42"/>
        <source>Void last (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="43"/>
        <source>Settle (F12)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BasketPanel</name>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="84"/>
        <source>Basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
        <source>Amount (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="87"/>
        <source>Add amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="88"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="89"/>
        <source>Price override (F4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../terminal/ui/camera.py" line="35"/>
        <source>No camera found: check that it is plugged in and not used by another program, then press F5 again. Scanners and typing still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="37"/>
        <source>The camera stopped sending pictures (unplugged?). Plug it in again and press F5. Scanners and typing still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="39"/>
        <source>The camera&apos;s video file or image folder cannot be read: check the [camera] source setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="41"/>
        <source>The camera stopped. Press F5 to try again; scanners and typing still work.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignReport</name>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="29"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="30"/>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="31"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="32"/>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="33"/>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="34"/>
        <source>Redemption rate %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="35"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="36"/>
        <source>Baskets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="37"/>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="38"/>
        <source>Avg basket with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="39"/>
        <source>Avg basket without</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="40"/>
        <source>First-time members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="45"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="46"/>
        <source>Promotion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="63"/>
        <source>Campaign report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="64"/>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="65"/>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="79"/>
        <source>Campaign report %1 %2..%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPanel</name>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="61"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="121"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="78"/>
        <source>×%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <source>Receipt (VOIDED)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="86"/>
        <source>Settled ✓  paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>Checkout no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="95"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="132"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="99"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="101"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="104"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="162"/>
        <source>Points earned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="106"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="164"/>
        <source>Points spent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="109"/>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="179"/>
        <source>birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="180"/>
        <source>day of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="181"/>
        <source>day of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>Not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="86"/>
        <source>VOIDED · was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>VOIDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="114"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="122"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="128"/>
        <source>Scan products or enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="141"/>
        <source>Points for points-plus-cash items: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="143"/>
        <source>%1 %2 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="149"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="24"/>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="37"/>
        <source>Sign out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="38"/>
        <source>The basket has %1 line(s) and %2 coupon(s) that are not settled. Signing out discards them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="41"/>
        <source>Discard and sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="45"/>
        <source>The day is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="46"/>
        <source>Day %1 was closed by %2. This sale is booked after the close and listed apart in the day&apos;s report. Settle it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="49"/>
        <source>Settle after the close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouponPanel</name>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="49"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="51"/>
        <source>Remove coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="52"/>
        <source>−1 use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="53"/>
        <source>One use less of the selected (else the last) coupon (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="70"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="74"/>
        <source>Add items to check this coupon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="195"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="196"/>
        <source>Something went wrong: %1

A report for IT was saved to:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskTexts</name>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="25"/>
        <source>Day closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="26"/>
        <source>Manager override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="27"/>
        <source>Sale voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="28"/>
        <source>Items returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="29"/>
        <source>Price changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="30"/>
        <source>Approved beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="31"/>
        <source>Staff ID unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="32"/>
        <source>Top-up voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="33"/>
        <source>Voucher given to another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="34"/>
        <source>Receipt reprinted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="35"/>
        <source>Conflict: loss absorbed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="36"/>
        <source>Conflict: charged to the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="37"/>
        <source>Conflict: card blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="38"/>
        <source>Other action (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="44"/>
        <source>All sales synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="45"/>
        <source>PIN lockout cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="46"/>
        <source>Gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="47"/>
        <source>Day closed with sales not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="54"/>
        <source>Product voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="55"/>
        <source>Amount off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="56"/>
        <source>Percent off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="57"/>
        <source>Stored voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="58"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="59"/>
        <source>Other kind (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="65"/>
        <source>Coupon used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="66"/>
        <source>Stored voucher over-used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="67"/>
        <source>Points overdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="68"/>
        <source>Redeemed after a void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="69"/>
        <source>Coupon unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="70"/>
        <source>Points lot unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="71"/>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="72"/>
        <source>Not booked: the rules cannot produce it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="73"/>
        <source>Member blocked meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="74"/>
        <source>Per-member limit exceeded chain-wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="75"/>
        <source>Promo code used beyond its cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="76"/>
        <source>Promo code beyond its budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="77"/>
        <source>Manager approved beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="78"/>
        <source>Stored value paid beyond the balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="79"/>
        <source>Giveaway claimed beyond the campaign total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="80"/>
        <source>Giveaway claimed beyond the member&apos;s limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="81"/>
        <source>Used after it was given away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="82"/>
        <source>First-purchase coupon used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="83"/>
        <source>Referral not rewarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="84"/>
        <source>Visit gift claimed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="85"/>
        <source>Visit gift spend taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="86"/>
        <source>Campaign used beyond its cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="87"/>
        <source>Campaign beyond its budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="88"/>
        <source>Till voucher not issued by its sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="89"/>
        <source>Other conflict (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="97"/>
        <source>The use received first counts; this one was not booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="98"/>
        <source>Booked as used beyond its uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="99"/>
        <source>Points taken; the member now owes the difference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="100"/>
        <source>Honoured: this terminal could not know when it sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="102"/>
        <source>Flagged: this terminal knew of the void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="103"/>
        <source>The server created the coupon from its template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="104"/>
        <source>Points taken from a new lot below zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="105"/>
        <source>Points taken from the member&apos;s other lots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="106"/>
        <source>Not booked: the server refused it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="107"/>
        <source>Not booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="108"/>
        <source>Booked up to the budget; the rest not booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="109"/>
        <source>Booked up to the cap; the rest not booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="110"/>
        <source>Not booked: beyond the cap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="111"/>
        <source>No reward given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="112"/>
        <source>The member keeps the gift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="113"/>
        <source>Booked: a manager approved it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="114"/>
        <source>Booked and counted for the whole chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="115"/>
        <source>Booked within the offline allowance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="116"/>
        <source>The void is booked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="117"/>
        <source>Decided by the server; head office has the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="121"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="123"/>
        <source>(amount %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="73"/>
        <source>Enrol this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <source>This PC is not enrolled yet. Enter the central server address and the one-time enrolment token from the server administrator. The device credential is kept in the system&apos;s credential vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="86"/>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="86"/>
        <source>Enrolment token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="87"/>
        <source>Terminal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="80"/>
        <source>e.g. XINYI-01 (the PC&apos;s asset tag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="81"/>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="82"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="89"/>
        <source>Please fill in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="92"/>
        <source>The server URL must start with https:// (or http:// on a test network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="95"/>
        <source>Enrolling and downloading this store&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolErrors</name>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="34"/>
        <source>This address sends the token unencrypted (http://) to another computer. Use the https:// address; IT can allow http:// for a test network only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="40"/>
        <source>The server address must start with https:// and name the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="42"/>
        <source>Enter a terminal ID, e.g. the PC&apos;s asset tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="44"/>
        <source>This PC holds the sales of terminal %1: enrol it as %1 again, or ask IT for a fresh data file to enrol it as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="47"/>
        <source>The enrolment could not start. Check the three fields and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="50"/>
        <source>The system&apos;s credential vault is locked. Unlock it (sign in to Windows again) and enrol again: the token is still valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="53"/>
        <source>The credential vault lost this PC&apos;s credential. Ask IT for a replacement token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="55"/>
        <source>The system&apos;s credential vault cannot be used. Call IT; the token is still valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="58"/>
        <source>The server cannot be reached. Check the network cable or Wi-Fi and the server address, then try again: the token is still valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="64"/>
        <source>The token is not known to the server. Check it for typing errors, or ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="66"/>
        <source>This token was already used. Ask the server administrator for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="68"/>
        <source>This token has expired. Ask the server administrator for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="70"/>
        <source>This token was withdrawn. Ask the server administrator for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="72"/>
        <source>Another PC is enrolled with this terminal ID. Use another ID, or ask for a replacement token for this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="75"/>
        <source>This token is for another store than this PC&apos;s data. Ask for a token of this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="77"/>
        <source>This token replaces another terminal. Enter that terminal&apos;s ID, or ask for a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="79"/>
        <source>This PC was blocked on the server. Ask for a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="82"/>
        <source>The server refused the enrolment. Ask the server administrator; the log has the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="84"/>
        <source>The enrolment failed. Try again; if it fails again, call IT (the log has the details).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="30"/>
        <source>Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="31"/>
        <source>File name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="32"/>
        <source>Files of type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="33"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="34"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="30"/>
        <source>Cashier sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="48"/>
        <source>Staff ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="49"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="55"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="67"/>
        <source>Locked until %1 (store time). A manager can unlock it now at the manager desk: Cancel, press F10, tab &quot;Locked staff&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="287"/>
        <source>Keys (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="288"/>
        <source>Esc scan · F1 quick keys · Ctrl+K find · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · Ctrl+R sales · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="51"/>
        <source>Sign in first: the sales list needs a signed-in cashier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_basket.py" line="42"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="63"/>
        <source>Beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="64"/>
        <source>This sale spends more points or stored-voucher uses than the server allows while offline. A manager must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="425"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="80"/>
        <source>Void last checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="80"/>
        <source>A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="92"/>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="93"/>
        <source>New unit price for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="94"/>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="19"/>
        <source>No camera configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="458"/>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="458"/>
        <source>Not synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="45"/>
        <source>Camera stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDeskWindow</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="52"/>
        <source>Manager desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="60"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="98"/>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="98"/>
        <source>Basket revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="99"/>
        <source>Coupon discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="99"/>
        <source>Points discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <source>Discount share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="156"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <location filename="../../terminal/ui/manager_desk.py" line="156"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Stored-voucher uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="116"/>
        <source>Collected per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="122"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="122"/>
        <source>Voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="124"/>
        <source>Spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="129"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="129"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="130"/>
        <source>Voids and overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="130"/>
        <source>Cashiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="135"/>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="136"/>
        <location filename="../../terminal/ui/manager_desk.py" line="348"/>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="137"/>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="150"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="158"/>
        <source>Void selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="160"/>
        <source>Find a sale: reprint, return...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="168"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>What the server decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>First (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>This store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="190"/>
        <source>Absorb the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="191"/>
        <source>Charge the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>Block the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="194"/>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="195"/>
        <source>Record decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="201"/>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="206"/>
        <source>A staff ID is locked after 5 wrong PINs in a row: for 30 seconds, doubling with every further wrong PIN up to 1 hour. A manager can unlock it here at once; the unlock is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Staff ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Wrong PINs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Locked since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="218"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="220"/>
        <source>Unlock selected...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <location filename="../../terminal/ui/manager_desk.py" line="292"/>
        <source>Locked staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="249"/>
        <source>%1 settled, %2 voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="265"/>
        <source>void %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="269"/>
        <source>voided: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Locked staff (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="305"/>
        <source>unlock %1 (%2 wrong PINs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="341"/>
        <location filename="../../terminal/ui/manager_desk.py" line="351"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="358"/>
        <source>Void %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="358"/>
        <source>Reason for the void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="363"/>
        <source>Voided %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="377"/>
        <source>Close with unsynced sales?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="378"/>
        <source>%1 sale(s) are not confirmed by the server. Press Cancel and then &quot;Sync now&quot; to send them first, or give a reason to close anyway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="396"/>
        <source>Day %1 closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="397"/>
        <source>(closed by manager override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="398"/>
        <source>Summary saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="412"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="417"/>
        <source>Decision recorded; it is sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="432"/>
        <source>Unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="433"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="434"/>
        <source>%1 (%2): %3 wrong PINs, locked until %4. A manager&apos;s ID and PIN unlock it now; the unlock is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="448"/>
        <source>%1 unlocked (%2 wrong PINs cleared). They can sign in again now (Ctrl+L at the counter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="451"/>
        <source>%1 was no longer locked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="100"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="101"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="102"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="105"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="119"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="123"/>
        <source>Enter a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="25"/>
        <source>Manager sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="41"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="42"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="68"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="69"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="71"/>
        <location filename="../../terminal/ui/member_panel.py" line="117"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="79"/>
        <source>No member card scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="90"/>
        <source>%1 %2 expire %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="102"/>
        <source>Usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="139"/>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="140"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="37"/>
        <source>Find member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="45"/>
        <source>Phone (0912-345-678) or name (at least 2 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="47"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="62"/>
        <source>New member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="65"/>
        <source>Attach to sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="68"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="90"/>
        <source>Type a phone number or at least 2 characters of the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="93"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="118"/>
        <source>(blocked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="124"/>
        <source>Nobody found: check the number or the name, or sign the customer up (New member…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="126"/>
        <source>More members match: type more of the name, or ask for the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="128"/>
        <source>Searched on this till only (the central server was not asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="150"/>
        <source>Attaching…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberSignupDialog</name>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="32"/>
        <source>New member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="46"/>
        <source>(not given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="50"/>
        <source>The member agrees to the membership terms and the privacy notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="52"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="53"/>
        <source>Mobile phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="54"/>
        <source>Birth month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="57"/>
        <source>Sign-up needs the network: the central server makes the member and the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="62"/>
        <source>Attach that member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="66"/>
        <source>Sign up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="70"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="107"/>
        <source>Signing up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="118"/>
        <source>Signed up: %1. Card number %2: write it on the member&apos;s card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="120"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="130"/>
        <source>Already a member: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="68"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="69"/>
        <source>Backspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="70"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineStrip</name>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="55"/>
        <source>Credential vault locked: sales are kept on this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="57"/>
        <source>Offline since %1 (last sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="59"/>
        <source>Offline: this terminal has not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="62"/>
        <source>%1 sale(s) waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="66"/>
        <source>No offline allowance from the server yet: plain sales and bearer coupons work; stored vouchers, points and stored value need a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="70"/>
        <source>The offline allowance ended at %1: every coupon use and points spend needs a manager until this terminal syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="74"/>
        <source>points up to %1 per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="79"/>
        <source>(this member: %1 more offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="81"/>
        <source>Still works: coupons, stored vouchers up to %1 use(s) each, %2, stored value up to %3 per card, promo codes up to %4 use(s); unknown members earn only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="86"/>
        <source>A manager is needed beyond these, and for everything from %1 (%2 h left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="96"/>
        <source>Day %1 is closed (%2 by %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="99"/>
        <source>A sale now is booked after the close: you will be asked to confirm it, and the day&apos;s report lists it apart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviousSale</name>
    <message>
        <location filename="../../terminal/ui/previous_sale.py" line="40"/>
        <source>Previous sale VOIDED %1 · no. %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/previous_sale.py" line="43"/>
        <source>Previous sale paid ✓ %1 · no. %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="55"/>
        <source>Drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="56"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="57"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="58"/>
        <source>%1 File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="59"/>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="60"/>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickKeyPanel</name>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="147"/>
        <source>Quick keys (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="148"/>
        <source>Find a product by name (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="149"/>
        <source>No product matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="209"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Nothing was scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Disk full: nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Could not save: nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Something went wrong - the sale is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Code is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Not a code of this program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Check digit wrong - scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Forged or altered code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>Signed with an unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Card or coupon blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Wrong kind of code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Scanner keyboard layout wrong - set the scanner (or this PC&apos;s input language) to US English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Already used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Not valid at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Not valid for this brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="88"/>
        <source>Belongs to another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <source>Scan the member card first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Only in the birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="91"/>
        <source>Usage limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="92"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="93"/>
        <source>Minimum spend not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="94"/>
        <source>No eligible item in the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="95"/>
        <source>Cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="96"/>
        <source>Already in this checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="97"/>
        <source>Too many uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="98"/>
        <source>Nothing left to discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="99"/>
        <source>Not enough points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="100"/>
        <source>Points must be a multiple of the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="101"/>
        <source>Points exceed the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="102"/>
        <source>Unknown point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="103"/>
        <source>Check the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="104"/>
        <source>Unknown product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="105"/>
        <source>Total changed - check and settle again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="106"/>
        <source>Checkout already settled differently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="107"/>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="108"/>
        <source>Already voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="109"/>
        <source>Too late to void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="110"/>
        <source>Not authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="112"/>
        <source>Wrong staff id or PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="113"/>
        <source>Staff id locked after wrong PINs - wait, or ask a manager to unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="114"/>
        <source>Credential vault locked - PINs and card numbers cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="115"/>
        <source>Sales not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="116"/>
        <source>Day already closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="117"/>
        <source>Check the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="111"/>
        <source>Beyond the offline allowance - manager approval needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="118"/>
        <source>Promo code fully used - campaign cap reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="119"/>
        <source>Promo code budget spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="120"/>
        <source>Campaign budget spent - all its promo codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="121"/>
        <source>Not for this member tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="122"/>
        <source>Voucher from an unknown till - sync and scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="123"/>
        <source>Voucher from a till without a signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="124"/>
        <source>Voucher from a blocked till - do not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="125"/>
        <source>Voucher from another brand&apos;s till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="126"/>
        <source>Voucher no till can issue - do not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="127"/>
        <source>Too many vouchers from that till not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="129"/>
        <source>Visit gift not running now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="130"/>
        <source>Visit gift already claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="131"/>
        <source>Spend not yet enough for the visit gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="132"/>
        <source>First purchase only - member has bought before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="133"/>
        <source>Members cannot refer themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="134"/>
        <source>Referral codes are for new members only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="135"/>
        <source>No referral campaign at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="136"/>
        <source>Not enough stored value on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="137"/>
        <source>Card is in another currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="138"/>
        <source>Check the amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="139"/>
        <source>Payments exceed the total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="140"/>
        <source>Too late to return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="141"/>
        <source>More than was sold or already returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="142"/>
        <source>Exchange offer not available here or now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="143"/>
        <source>Campaign not running now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="144"/>
        <source>Campaign fully claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="145"/>
        <source>Already claimed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="146"/>
        <source>Claim limit for this campaign reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="147"/>
        <source>Given to another member - code no longer valid for this member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="148"/>
        <source>This voucher cannot be given away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="149"/>
        <source>A phone number - press F7 to find the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="150"/>
        <source>Not a valid mobile number (09 and 8 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="151"/>
        <source>Check the name (at least 2 characters to search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="152"/>
        <source>Birth month is 1 to 12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="153"/>
        <source>The member&apos;s consent is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="154"/>
        <source>This phone number is already a member&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="155"/>
        <source>Needs the network - not possible offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="156"/>
        <source>Too many member searches from this till - wait a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="159"/>
        <location filename="../../terminal/ui/i18n.py" line="160"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDetail</name>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="37"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="50"/>
        <source>Scan again, or type the code and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="51"/>
        <source>Scan the code again; if it still fails, type the number printed under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="52"/>
        <source>This is not a member card, coupon or product of this store. Scan the right code or type its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="54"/>
        <source>A digit was misread or mistyped. Scan again or check the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="56"/>
        <source>This terminal does not know the code. Check the number; if it is new, sync and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="58"/>
        <source>The code&apos;s signature does not match: it was altered or copied. Do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="60"/>
        <source>Signed with a key this terminal does not know. Sync and scan again; if it persists, do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="62"/>
        <source>The issuer blocked this card or coupon. Do not accept it; the member can call customer service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="64"/>
        <source>This code cannot be used here. A gift card pays for the sale; a member card is scanned as the member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="66"/>
        <source>The scanner types with another keyboard layout. Set the scanner or this PC&apos;s input language to US English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="68"/>
        <source>Its validity has ended. Ask the member for another coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="69"/>
        <source>Its validity has not started. Keep it for later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="70"/>
        <source>Every use of this coupon is taken. Ask the member for another coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="71"/>
        <source>The issuer voided this coupon. Do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="72"/>
        <source>This coupon is for other stores only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="73"/>
        <source>This coupon is for another brand&apos;s stores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="74"/>
        <source>It belongs to another member. Scan the card of the member who holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="76"/>
        <source>Scan the member card, then scan this again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="77"/>
        <source>Valid only in the member&apos;s birthday month: the member can keep it for then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="79"/>
        <source>The member has used this offer as often as allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="80"/>
        <source>This coupon is genuine but this terminal has not received it yet. Sync, then scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="82"/>
        <source>Every use of this promo code is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="83"/>
        <source>The promo code&apos;s budget is used up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="84"/>
        <source>The campaign&apos;s budget is used up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="85"/>
        <source>This offer is for another member tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="86"/>
        <source>This visit gift cannot be claimed now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="87"/>
        <source>Each member claims this gift once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="88"/>
        <source>The member&apos;s spend in the period is below the gift&apos;s threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="90"/>
        <source>This coupon is for a member&apos;s first purchase; this member has bought before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="92"/>
        <source>Ask for the code of the member who referred them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="93"/>
        <source>This member has bought before: no referral reward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="94"/>
        <source>No referral campaign runs at this store now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="95"/>
        <source>Add more eligible items to reach the minimum spend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="96"/>
        <source>Add an item this coupon covers, or remove the coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="97"/>
        <source>It cannot be used together with a coupon already in this checkout. Remove one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="99"/>
        <source>It was scanned once already: counted once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="100"/>
        <source>Fewer uses are left than asked. Lower the uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="101"/>
        <source>Other discounts already cover these items. Remove the coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="103"/>
        <source>Use fewer points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="104"/>
        <source>Points are used in steps. Change the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="105"/>
        <source>Use fewer points than the bill allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="106"/>
        <source>Pay the rest another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="107"/>
        <source>This card cannot pay at this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="108"/>
        <source>Enter an amount within the card&apos;s limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="109"/>
        <source>Lower the card payment to the total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="110"/>
        <source>Check the items and amounts, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="111"/>
        <source>This product is not in this terminal&apos;s catalog. Enter its price as an amount (F2), or sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="113"/>
        <source>Something changed since the total was shown. Check the new total with the member and settle again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="115"/>
        <source>Nothing matching was found on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="116"/>
        <source>The time to void this sale has passed. Make a return instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="118"/>
        <source>The time to return items of this sale has passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="119"/>
        <source>Return fewer items: no more than were sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="120"/>
        <source>Sign in first (Ctrl+L); some actions need a manager&apos;s ID and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="122"/>
        <source>Beyond what this terminal may do offline. A manager may approve it; or sync first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="124"/>
        <source>Check the staff ID and the PIN, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="125"/>
        <source>Wait, or ask a manager to unlock it at the manager desk (F10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="126"/>
        <source>Sign in to this PC&apos;s Windows account again, or call IT. Products can still be sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="128"/>
        <source>This exchange offer is not available here now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="129"/>
        <source>This campaign is not running now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="130"/>
        <source>Everything this campaign gives out has been claimed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="131"/>
        <source>The member can claim again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="132"/>
        <source>The member has claimed as often as this campaign allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="133"/>
        <source>This voucher was given to another member; only they can use it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="135"/>
        <source>Used, voided, bundled or bearer vouchers cannot be given to another member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="137"/>
        <source>The till that issued it is not known here yet. Sync, then scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="139"/>
        <source>The till that issued it has no signing key. Do not accept it; call IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="141"/>
        <source>The till that issued it was blocked. Do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="142"/>
        <source>It was issued for another brand. Do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="143"/>
        <source>No till issues this kind of voucher. Do not accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="144"/>
        <source>That till must sync before more of its vouchers can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="146"/>
        <source>Let the terminal sync first; a manager may close anyway with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="148"/>
        <source>Check what was entered and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="149"/>
        <source>This sale was voided: nothing is left to return or void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="151"/>
        <source>This looks like a phone number: search the member by phone instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="153"/>
        <source>Check the phone number and type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="154"/>
        <source>Check the name and type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="155"/>
        <source>Choose a birth month from 1 to 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="156"/>
        <source>The member must agree to the membership terms before signing up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="158"/>
        <source>This phone number already belongs to a member: search by phone instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="160"/>
        <source>This needs the network: connect, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="161"/>
        <source>Too many searches from this till: wait a minute and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="163"/>
        <source>Free disk space on this PC or call IT; the sale is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="164"/>
        <source>Try again. If it happens again, call IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="165"/>
        <source>Nothing was lost: try again. If it happens again, call IT (the log has the details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="170"/>
        <source>It expired on %1. Ask the member for another coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="172"/>
        <source>It can be used from %1. Keep it until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="174"/>
        <source>Used on %1 at %2 (checkout %3). Ask the member for another coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="177"/>
        <source>All %1 use(s) were taken at another till or store. Ask the member for another coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="179"/>
        <source>Valid only at: %1. The member can use it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="181"/>
        <source>Valid only at stores of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="184"/>
        <source>At most %1 per member per day: the member can use it again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="185"/>
        <source>At most %1 per member per month: the member can use it again next month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="186"/>
        <source>At most %1 per member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="187"/>
        <source>All %1 uses of this promo code are taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="189"/>
        <source>Its budget of %1 is used up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="191"/>
        <source>The campaign&apos;s budget of %1 is used up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="193"/>
        <source>It can be claimed from %1 until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="195"/>
        <source>Claimed on %1. Each member claims it once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="197"/>
        <source>Spent %1 of %2: %3 more to go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="199"/>
        <source>For a first purchase only; this member has %1 purchase(s) before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="201"/>
        <source>Minimum spend %1, eligible items come to %2: add %3 more, or remove the coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="204"/>
        <source>It cannot be used together with %1 (one of them must be used alone): remove one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="206"/>
        <source>It cannot be used together with %1: remove one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="208"/>
        <source>Needs %1 eligible item(s), the basket has %2: add the item or lower the uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="210"/>
        <source>Only %1 use(s) left: lower the uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="212"/>
        <source>%1 points asked, %2 usable: use fewer points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="214"/>
        <source>Points are used in steps of %1. Change the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="216"/>
        <source>At most %1 points on this bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="218"/>
        <source>Balance %1, asked %2: pay the other %3 another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="221"/>
        <source>Payments %1, total %2: lower the card payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="223"/>
        <source>The total is now %1 (was %2). Tell the member and settle again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="225"/>
        <source>No sale %1 on this terminal. Check the checkout number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="227"/>
        <source>Items can be returned within %1 day(s) of the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="229"/>
        <source>Line %1: %2 sold, %3 returned already, %4 asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="231"/>
        <source>%1 wrong PINs: locked until %2. Wait, or ask a manager to unlock it at the manager desk (F10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="234"/>
        <source>%1 sale(s) or change(s) are not synced yet. Let the terminal sync first; a manager may close anyway with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="237"/>
        <source>%1 of %2 claims today: the member can claim again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="239"/>
        <source>%1 of %2 claims of this campaign are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="241"/>
        <location filename="../../terminal/ui/reason_details.py" line="243"/>
        <source>It runs from %1 until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="246"/>
        <source>The vault is locked: unlock it by signing in to this PC&apos;s Windows account again. Products can still be sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="249"/>
        <source>The vault no longer holds this PC&apos;s key: call IT. Products can still be sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="251"/>
        <source>The vault cannot be used: call IT. Products can still be sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="254"/>
        <source>%1 not synced yet plus %2 now is more than the offline allowance of %3. Sync first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="51"/>
        <source>Daily redemption report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="52"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="52"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="53"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="53"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="58"/>
        <source>Sales settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="58"/>
        <source>Gross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="59"/>
        <source>Coupon discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="59"/>
        <source>Points discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="60"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="60"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="65"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="66"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="66"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="67"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="67"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="68"/>
        <source>Voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="71"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="72"/>
        <source>Point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="72"/>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="73"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="73"/>
        <source>Earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="74"/>
        <source>Spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="76"/>
        <source>Cashiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="77"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="77"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="79"/>
        <source>By hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="80"/>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="82"/>
        <source>Voids and overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="83"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="83"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="84"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="84"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="85"/>
        <source>Void %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="95"/>
        <source>Daily report %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportClose</name>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="28"/>
        <source>Sales settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="29"/>
        <source>Sales voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="30"/>
        <source>Settlements (voids excluded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="31"/>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="38"/>
        <source>Close of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="42"/>
        <source>This day is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="44"/>
        <source>Not yet synced now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="45"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="45"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="48"/>
        <source>all events synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="49"/>
        <source>Closed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="49"/>
        <source>Closed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="50"/>
        <source>Manager override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="51"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="52"/>
        <source>Not yet synced at the close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="55"/>
        <source>Sales after the close: %1, total %2 (included above)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportCsv</name>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="130"/>
        <source>report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="131"/>
        <source>daily redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="132"/>
        <source>store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="133"/>
        <source>terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="134"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="135"/>
        <source>section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="136"/>
        <source>metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="137"/>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="138"/>
        <source>summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="139"/>
        <source>settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="140"/>
        <source>member settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="141"/>
        <source>gross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="142"/>
        <source>coupon discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="143"/>
        <source>points discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="144"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="145"/>
        <source>voided total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="146"/>
        <source>returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="147"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="148"/>
        <source>points clawed back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="149"/>
        <source>net total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="150"/>
        <source>stored voucher uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="151"/>
        <source>pending sync events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="152"/>
        <source>coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="153"/>
        <source>template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="154"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="155"/>
        <source>kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="156"/>
        <source>partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="157"/>
        <source>redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="158"/>
        <source>uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="159"/>
        <source>discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="160"/>
        <source>voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="161"/>
        <source>voided discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="162"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="163"/>
        <source>point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="164"/>
        <source>earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="165"/>
        <source>spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="166"/>
        <source>earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="167"/>
        <source>spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="168"/>
        <source>cashiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="169"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="170"/>
        <source>discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="171"/>
        <source>hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="172"/>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="173"/>
        <source>voids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="174"/>
        <source>checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="175"/>
        <source>voided at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="176"/>
        <source>settled at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="177"/>
        <source>manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="178"/>
        <source>reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="179"/>
        <source>member value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="180"/>
        <source>what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="181"/>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="182"/>
        <source>exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="183"/>
        <source>exchanges voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="184"/>
        <source>giveaway claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="185"/>
        <source>transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="186"/>
        <source>overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="187"/>
        <source>at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="188"/>
        <source>actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="189"/>
        <source>action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="190"/>
        <source>stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="191"/>
        <source>topups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="192"/>
        <source>topup bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="193"/>
        <source>stored value spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="194"/>
        <source>gift card spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="195"/>
        <source>topup count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="196"/>
        <source>stored value refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="197"/>
        <source>gift card refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="198"/>
        <source>topup bonus points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="199"/>
        <source>sales settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="200"/>
        <source>sales voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="201"/>
        <source>sales after the close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="202"/>
        <source>total after the close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="203"/>
        <source>close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="204"/>
        <source>closed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="205"/>
        <source>closed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="206"/>
        <source>overridden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="207"/>
        <source>unsynced at close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="208"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="209"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="211"/>
        <source>sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="212"/>
        <source>topup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="213"/>
        <source>claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="214"/>
        <source>visit gift</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalesDialog</name>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="63"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="82"/>
        <source>Checkout no., product or member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="89"/>
        <source>min $</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="89"/>
        <source>max $</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="94"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="97"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="100"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="102"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="123"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="128"/>
        <source>◀ Newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="128"/>
        <source>Older ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="142"/>
        <source>Choose a sale in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="149"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="149"/>
        <source>Return qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="164"/>
        <source>Reprint slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="165"/>
        <source>Return items...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="166"/>
        <source>Void...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Partly returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="181"/>
        <source>Fully returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="185"/>
        <source>Gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="221"/>
        <source>%1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="248"/>
        <source>Checkout %1 · %2 · cashier %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="250"/>
        <source> · member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="273"/>
        <source>Subtotal %1 · discounts %2 · collected %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="276"/>
        <source>Paid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="279"/>
        <source>Coupons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="282"/>
        <source>Points earned: %1 · spent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="285"/>
        <source>Returned %1 by %2 (%3): %4, refund %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="289"/>
        <source>Voided %1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="314"/>
        <source>No slip printer is set up on this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="327"/>
        <source>Copy of %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="345"/>
        <source>Line %1 (%2): &quot;%3&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="348"/>
        <source>Line %1 (%2): a quantity cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="351"/>
        <source>Line %1 (%2): %3 asked back, only %4 left to return (%5 sold, %6 returned).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="357"/>
        <source>Enter a quantity of 1 or more in the &quot;Return qty&quot; column of at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="377"/>
        <source>Refund %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="381"/>
        <source>Coupon discount taken back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="383"/>
        <source>Points taken back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="385"/>
        <source>Points given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="391"/>
        <source>Return items of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="392"/>
        <source>A manager must approve a return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="403"/>
        <source>Returned. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="413"/>
        <source>Void checkout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="414"/>
        <source>The whole sale is reversed: %1 back, its points and coupons restored. A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="420"/>
        <source>Checkout %1 voided.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanGate</name>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="62"/>
        <source>Too many scans are waiting: check that the scanner is not stuck.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="84"/>
        <source>The sale was not settled, so scans made while it was saving were not added to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="103"/>
        <source>Scans waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="104"/>
        <source>Applied when the dialog is closed or the sale is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="113"/>
        <source>Not applied, scan again: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanRow</name>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan or type a code + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan or type a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="49"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="50"/>
        <source>Camera (F5)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="209"/>
        <source>The counter cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="210"/>
        <source>This PC&apos;s replica file is damaged or cannot be read. Nothing was written to it. No sales can be made on this PC until IT has restored it: please call IT and show them the details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncNow</name>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="30"/>
        <source>Synced: pushed %1, pulled %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="32"/>
        <source>%1 still waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="34"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="43"/>
        <source>Not synced: the credential vault is locked. Sign in to Windows again (or unlock the keyring); sales stay on this PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="47"/>
        <source>Not synced: the server cannot be reached (%1). Sales stay on this PC and go when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="49"/>
        <source>Not synced: the server refused this terminal&apos;s credential. Call IT to enrol it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="51"/>
        <source>No answer from the server within %1 s; syncing goes on in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="53"/>
        <source>Not synced: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="53"/>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="75"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="75"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="76"/>
        <source>Send the sales waiting on this PC and fetch the server&apos;s changes now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="82"/>
        <source>Not synced: this terminal is not connected to a server (not enrolled).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="140"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="141"/>
        <source>Amount to pay with stored value or the gift card (empty: as much as it can)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="142"/>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="143"/>
        <source>Pay with the member&apos;s stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Gift card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="145"/>
        <source>Type the gift card&apos;s number, or scan the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="146"/>
        <source>Gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="147"/>
        <source>Pay with the gift card whose number is typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="148"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="149"/>
        <source>Remove one of this sale&apos;s payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="192"/>
        <source>Paid ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="197"/>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="199"/>
        <source>%1 to pay: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="41"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="42"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="43"/>
        <source>LINE Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="44"/>
        <source>JKO Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="45"/>
        <source>Apple Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="46"/>
        <source>EasyCard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="47"/>
        <source>Mobile pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="48"/>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="49"/>
        <source>Gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="227"/>
        <location filename="../../terminal/ui/tender_panel.py" line="241"/>
        <source>left %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="230"/>
        <source>%1 to pay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="47"/>
        <source>Loyalty redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="50"/>
        <source>Loyalty Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="54"/>
        <source>Cashier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="56"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="59"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="59"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="72"/>
        <source>Pending sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="74"/>
        <source>oldest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="81"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="84"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="91"/>
        <source>Credential vault locked · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="92"/>
        <source>Credential vault unavailable · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="93"/>
        <source>Credential missing from the vault · call IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="101"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="103"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="104"/>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="47"/>
        <source>×%1, %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="52"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="83"/>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="84"/>
        <source>Coupon accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="85"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="86"/>
        <source>Amount added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="87"/>
        <source>Points applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="88"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="89"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="90"/>
        <source>Override approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="91"/>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="92"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="93"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="94"/>
        <source>Same code read twice: counted once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="95"/>
        <source>Payment added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="96"/>
        <source>Payment removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="97"/>
        <source>The rest is paid by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="100"/>
        <source>Coupon added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="109"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="110"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="119"/>
        <source>Balance after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="121"/>
        <source>%1 was read again within %2 s and not added twice. Scan it again after a moment to add it once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="125"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="126"/>
        <source>Checkout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="128"/>
        <source>Discount %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="130"/>
        <source>Add items to check this coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="134"/>
        <source>New price %1, approved by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
