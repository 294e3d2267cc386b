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
        <location filename="../../terminal/ui/basket_panel.py" line="81"/>
        <source>Basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="83"/>
        <source>Amount (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="84"/>
        <source>Add amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
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
</context>
<context>
    <name>CheckoutPanel</name>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="60"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="115"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="75"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="75"/>
        <source>Receipt (VOIDED)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>Settled ✓  paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>Checkout no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="124"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="90"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="92"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="95"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="149"/>
        <source>Points earned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="97"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="151"/>
        <source>Points spent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="100"/>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>Not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>VOIDED · was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>VOIDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="108"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="116"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="121"/>
        <source>Scan products or enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="135"/>
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
        <location filename="../../terminal/ui/coupon_panel.py" line="46"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="48"/>
        <source>Remove coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="49"/>
        <source>−1 use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>One use less of the selected (else the last) coupon (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="62"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="66"/>
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
    <name>EnrolDialog</name>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="71"/>
        <source>Enrol this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="73"/>
        <source>This PC is not enrolled yet. Enter the central server address and the one-time enrolment token from the server administrator. The device credential is kept in the system&apos;s credential vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="84"/>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="84"/>
        <source>Enrolment token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="85"/>
        <source>Terminal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="78"/>
        <source>e.g. XINYI-01 (the PC&apos;s asset tag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="79"/>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="80"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="87"/>
        <source>Please fill in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="90"/>
        <source>The server URL must start with https:// (or http:// on a test network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="93"/>
        <source>Enrolling and downloading this store&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="131"/>
        <source>Enrolment failed: %1</source>
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
        <location filename="../../terminal/ui/dialogs.py" line="56"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="68"/>
        <source>Locked until %1 (store time). A manager can unlock it now at the manager desk: Cancel, press F10, tab &quot;Locked staff&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="286"/>
        <source>Keys (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="287"/>
        <source>Esc scan · F1 quick keys · Ctrl+K find · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · Ctrl+R sales · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="50"/>
        <source>Sign in first: the sales list needs a signed-in cashier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="404"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="61"/>
        <source>Beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="62"/>
        <source>This sale spends more points or stored-voucher uses than the server allows while offline. A manager must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="506"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="78"/>
        <source>Void last checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="78"/>
        <source>A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="90"/>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="91"/>
        <source>New unit price for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="92"/>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="19"/>
        <source>No camera configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="539"/>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="539"/>
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
        <location filename="../../terminal/ui/manager_desk.py" line="206"/>
        <source>Manager desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="214"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="252"/>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="252"/>
        <source>Basket revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="253"/>
        <source>Coupon discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="253"/>
        <source>Points discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <source>Discount share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="310"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <location filename="../../terminal/ui/manager_desk.py" line="310"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Stored-voucher uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="270"/>
        <source>Collected per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="278"/>
        <source>Spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="283"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="283"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="284"/>
        <source>Voids and overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="284"/>
        <source>Cashiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="289"/>
        <location filename="../../terminal/ui/manager_desk.py" line="502"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="290"/>
        <location filename="../../terminal/ui/manager_desk.py" line="512"/>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="304"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="312"/>
        <source>Void selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="314"/>
        <source>Find a sale: reprint, return...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="322"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>What the server decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>First (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>This store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="344"/>
        <source>Absorb the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="345"/>
        <source>Charge the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="346"/>
        <source>Block the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="348"/>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="349"/>
        <source>Record decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="355"/>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="360"/>
        <source>A staff ID is locked after 5 wrong PINs in a row: for 30 seconds, doubling with every further wrong PIN up to 1 hour. A manager can unlock it here at once; the unlock is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Staff ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Wrong PINs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Locked since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="366"/>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="372"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="374"/>
        <source>Unlock selected...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="383"/>
        <location filename="../../terminal/ui/manager_desk.py" line="446"/>
        <source>Locked staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="403"/>
        <source>%1 settled, %2 voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="419"/>
        <source>void %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="423"/>
        <source>voided: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="430"/>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="445"/>
        <source>Locked staff (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="458"/>
        <source>unlock %1 (%2 wrong PINs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="460"/>
        <source>PIN lockout cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="465"/>
        <source>Coupon used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="465"/>
        <source>Stored voucher over-used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="466"/>
        <source>Points overdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="466"/>
        <source>Redeemed after a void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="467"/>
        <source>Coupon unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="467"/>
        <source>Points lot unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="468"/>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="469"/>
        <source>Not booked: the rules cannot produce it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="470"/>
        <source>Member blocked meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="470"/>
        <source>Per-member limit exceeded chain-wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="471"/>
        <source>Manager approved beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="476"/>
        <source>Product voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="476"/>
        <source>Amount off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Percent off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Stored voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="505"/>
        <location filename="../../terminal/ui/manager_desk.py" line="515"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="522"/>
        <source>Void %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="522"/>
        <source>Reason for the void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="527"/>
        <source>Voided %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="541"/>
        <source>Close with unsynced sales?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="542"/>
        <source>%1 sale(s) are not confirmed by the server. Press Cancel and then &quot;Sync now&quot; to send them first, or give a reason to close anyway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="560"/>
        <source>Day %1 closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="561"/>
        <source>(closed by manager override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="562"/>
        <source>Summary saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="576"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="581"/>
        <source>Decision recorded; it is sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="596"/>
        <source>Unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="597"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="598"/>
        <source>%1 (%2): %3 wrong PINs, locked until %4. A manager&apos;s ID and PIN unlock it now; the unlock is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="612"/>
        <source>%1 unlocked (%2 wrong PINs cleared). They can sign in again now (Ctrl+L at the counter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="615"/>
        <source>%1 was no longer locked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="101"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="102"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="103"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="106"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="107"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="121"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="125"/>
        <source>Enter a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="44"/>
        <source>Manager sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="60"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="61"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="67"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="68"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="70"/>
        <location filename="../../terminal/ui/member_panel.py" line="115"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="78"/>
        <source>No member card scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="89"/>
        <source>%1 %2 expire %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="137"/>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="138"/>
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
        <location filename="../../terminal/ui/offline_strip.py" line="52"/>
        <source>Credential vault locked: sales are kept on this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="54"/>
        <source>Offline since %1 (last sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="56"/>
        <source>Offline: this terminal has not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="59"/>
        <source>%1 sale(s) waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="63"/>
        <source>No offline allowance from the server yet: plain sales and bearer coupons work; stored vouchers, points and stored value need a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="67"/>
        <source>The offline allowance ended at %1: every coupon use and points spend needs a manager until this terminal syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="71"/>
        <source>points up to %1 per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="76"/>
        <source>(this member: %1 more offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="78"/>
        <source>Still works: coupons, stored vouchers up to %1 use(s) each, %2, stored value up to %3 per card, promo codes up to %4 use(s); unknown members earn only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="83"/>
        <source>A manager is needed beyond these, and for everything from %1 (%2 h left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="93"/>
        <source>Day %1 is closed (%2 by %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="96"/>
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
        <location filename="../../terminal/ui/i18n.py" line="50"/>
        <source>Nothing was scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="51"/>
        <source>Disk full: nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="53"/>
        <source>Could not save: nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="54"/>
        <source>Something went wrong - the sale is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="55"/>
        <source>Code is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="56"/>
        <source>Not a code of this program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="57"/>
        <source>Check digit wrong - scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="58"/>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="59"/>
        <source>Forged or altered code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="60"/>
        <source>Signed with an unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="61"/>
        <source>Card or coupon blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="62"/>
        <source>Wrong kind of code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="63"/>
        <source>Scanner keyboard layout wrong - set the scanner (or this PC&apos;s input language) to US English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="65"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="66"/>
        <source>Not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Already used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="69"/>
        <source>Not valid at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Not valid for this brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Belongs to another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Scan the member card first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Only in the birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Usage limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Minimum spend not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>No eligible item in the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Already in this checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Too many uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="81"/>
        <source>Nothing left to discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Not enough points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Points must be a multiple of the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Points exceed the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Unknown point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Check the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Unknown product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="88"/>
        <source>Total changed - check and settle again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <source>Checkout already settled differently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="91"/>
        <source>Already voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="92"/>
        <source>Too late to void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="93"/>
        <source>Not authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="95"/>
        <source>Wrong staff id or PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="96"/>
        <source>Staff id locked after wrong PINs - wait, or ask a manager to unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="97"/>
        <source>Credential vault locked - PINs and card numbers cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="98"/>
        <source>Sales not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="99"/>
        <source>Day already closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="100"/>
        <source>Check the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="94"/>
        <source>Beyond the offline allowance - manager approval needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="101"/>
        <source>Promo code fully used - campaign cap reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="102"/>
        <source>Promo code budget spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="103"/>
        <source>Campaign budget spent - all its promo codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="104"/>
        <source>Not for this member tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="105"/>
        <source>Voucher from an unknown till - sync and scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="106"/>
        <source>Voucher from a till without a signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="107"/>
        <source>Voucher from a blocked till - do not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="108"/>
        <source>Voucher from another brand&apos;s till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="109"/>
        <source>Voucher no till can issue - do not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="110"/>
        <source>Too many vouchers from that till not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="112"/>
        <source>Visit gift not running now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="113"/>
        <source>Visit gift already claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="114"/>
        <source>Spend not yet enough for the visit gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="115"/>
        <source>First purchase only - member has bought before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="116"/>
        <source>Members cannot refer themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="117"/>
        <source>Referral codes are for new members only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="118"/>
        <source>No referral campaign at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="119"/>
        <source>Not enough stored value on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="120"/>
        <source>Card is in another currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="121"/>
        <source>Check the amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="122"/>
        <source>Payments exceed the total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="123"/>
        <source>Too late to return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="124"/>
        <source>More than was sold or already returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="125"/>
        <source>Exchange offer not available here or now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="126"/>
        <source>Campaign not running now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="127"/>
        <source>Campaign fully claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="128"/>
        <source>Already claimed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="129"/>
        <source>Claim limit for this campaign reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="130"/>
        <source>Given to another member - code no longer valid for this member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="131"/>
        <source>This voucher cannot be given away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="132"/>
        <source>A phone number - press F7 to find the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="133"/>
        <source>Not a valid mobile number (09 and 8 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="134"/>
        <source>Check the name (at least 2 characters to search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="135"/>
        <source>Birth month is 1 to 12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="136"/>
        <source>The member&apos;s consent is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="137"/>
        <source>This phone number is already a member&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="138"/>
        <source>Needs the network - not possible offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="139"/>
        <source>Too many member searches from this till - wait a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="142"/>
        <location filename="../../terminal/ui/i18n.py" line="143"/>
        <source>Refused</source>
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
    <name>SalesDialog</name>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="61"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="80"/>
        <source>Checkout no., product or member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="87"/>
        <source>min $</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="87"/>
        <source>max $</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="92"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="95"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="98"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="100"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="121"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="126"/>
        <source>◀ Newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="126"/>
        <source>Older ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="140"/>
        <source>Choose a sale in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="147"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="147"/>
        <source>Return qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="162"/>
        <source>Reprint slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="163"/>
        <source>Return items...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="164"/>
        <source>Void...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Partly returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="179"/>
        <source>Fully returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="183"/>
        <source>Gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="219"/>
        <source>%1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="246"/>
        <source>Checkout %1 · %2 · cashier %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="248"/>
        <source> · member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="271"/>
        <source>Subtotal %1 · discounts %2 · collected %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="274"/>
        <source>Paid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="277"/>
        <source>Coupons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="280"/>
        <source>Points earned: %1 · spent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="283"/>
        <source>Returned %1 by %2 (%3): %4, refund %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="287"/>
        <source>Voided %1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="312"/>
        <source>No slip printer is set up on this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="325"/>
        <source>Copy of %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="343"/>
        <source>Line %1 (%2): &quot;%3&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="346"/>
        <source>Line %1 (%2): a quantity cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="349"/>
        <source>Line %1 (%2): %3 asked back, only %4 left to return (%5 sold, %6 returned).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="355"/>
        <source>Enter a quantity of 1 or more in the &quot;Return qty&quot; column of at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="375"/>
        <source>Refund %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="379"/>
        <source>Coupon discount taken back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="381"/>
        <source>Points taken back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="383"/>
        <source>Points given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="389"/>
        <source>Return items of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="390"/>
        <source>A manager must approve a return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="401"/>
        <source>Returned. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="411"/>
        <source>Void checkout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="412"/>
        <source>The whole sale is reversed: %1 back, its points and coupons restored. A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="418"/>
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
        <location filename="../../terminal/ui/scan_row.py" line="45"/>
        <source>Scan or type a code + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="46"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="47"/>
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
        <location filename="../../terminal/ui/tender_panel.py" line="139"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="140"/>
        <source>Amount to pay with stored value or the gift card (empty: as much as it can)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="141"/>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="142"/>
        <source>Pay with the member&apos;s stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="143"/>
        <source>Gift card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Type the gift card&apos;s number, or scan the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="145"/>
        <source>Gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="146"/>
        <source>Pay with the gift card whose number is typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="147"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="148"/>
        <source>Remove one of this sale&apos;s payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="191"/>
        <source>Paid ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="196"/>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="198"/>
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
        <location filename="../../terminal/ui/tender_panel.py" line="235"/>
        <location filename="../../terminal/ui/tender_panel.py" line="249"/>
        <source>left %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="238"/>
        <source>%1 to pay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="45"/>
        <source>Loyalty redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="48"/>
        <source>Loyalty Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="52"/>
        <source>Cashier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="54"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="57"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="57"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="68"/>
        <source>Pending sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="70"/>
        <source>oldest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="77"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="80"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="87"/>
        <source>Credential vault locked · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="88"/>
        <source>Credential vault unavailable · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="89"/>
        <source>Credential missing from the vault · call IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="97"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="99"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="100"/>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="43"/>
        <source>×%1, %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="48"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="74"/>
        <source>Nothing was lost: try again. If it happens again, call IT (the log has the details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="78"/>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="79"/>
        <source>Coupon accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="80"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="81"/>
        <source>Amount added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="82"/>
        <source>Points applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="83"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="84"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="85"/>
        <source>Override approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="86"/>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="87"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="88"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="89"/>
        <source>Same code read twice: counted once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="90"/>
        <source>Payment added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="91"/>
        <source>Payment removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="92"/>
        <source>The rest is paid by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="95"/>
        <source>Coupon added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="110"/>
        <source>Balance after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="112"/>
        <source>%1 was read again within %2 s and not added twice. Scan it again after a moment to add it once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="116"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="117"/>
        <source>Checkout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
