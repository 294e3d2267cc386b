<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="20"/>
        <source>Cashier sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="35"/>
        <source>Staff ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="36"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="39"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="40"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="321"/>
        <source>Loyalty Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="322"/>
        <source>Loyalty redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="323"/>
        <source>Scan or type a code + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="324"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="325"/>
        <source>Camera (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="326"/>
        <source>Basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Amount (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="329"/>
        <source>Add amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="330"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="331"/>
        <source>Price override (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="332"/>
        <location filename="../../terminal/ui/main_window.py" line="767"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Remove coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="335"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="336"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="337"/>
        <location filename="../../terminal/ui/main_window.py" line="761"/>
        <location filename="../../terminal/ui/main_window.py" line="786"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="338"/>
        <source>New (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="339"/>
        <source>Print (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="340"/>
        <source>Void last (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="341"/>
        <source>Settle (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="342"/>
        <source>Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="345"/>
        <location filename="../../terminal/ui/main_window.py" line="725"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="414"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="489"/>
        <location filename="../../terminal/ui/main_window.py" line="577"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="495"/>
        <source>Void last checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="495"/>
        <source>A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="507"/>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="508"/>
        <source>New unit price for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="509"/>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="535"/>
        <source>No camera configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="549"/>
        <source>Camera stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="563"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="567"/>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="568"/>
        <source>Coupon accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="569"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="570"/>
        <source>Amount added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="571"/>
        <source>Points applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="572"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="573"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="574"/>
        <source>Override approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="575"/>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="576"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="580"/>
        <source>Coupon added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="589"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="607"/>
        <source>Cashier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="609"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="612"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="612"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="616"/>
        <source>Pending sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="618"/>
        <source>oldest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="625"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="628"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="668"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="672"/>
        <source>Add items to check this coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="692"/>
        <source>No member card scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="703"/>
        <source>%1 %2 expire %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="741"/>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="742"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="758"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="759"/>
        <source>Settled ✓  paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="765"/>
        <location filename="../../terminal/ui/main_window.py" line="795"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="769"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="771"/>
        <location filename="../../terminal/ui/main_window.py" line="815"/>
        <source>Points earned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="773"/>
        <location filename="../../terminal/ui/main_window.py" line="817"/>
        <source>Points spent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="776"/>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="777"/>
        <source>Not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="777"/>
        <source>VOIDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="782"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="787"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="792"/>
        <source>Scan products or enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="806"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="78"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="79"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="80"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="83"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="84"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="95"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="99"/>
        <source>Enter a value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="45"/>
        <source>Nothing was scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="46"/>
        <source>Code is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="47"/>
        <source>Not a code of this program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="48"/>
        <source>Check digit wrong - scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="49"/>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="50"/>
        <source>Forged or altered code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="51"/>
        <source>Signed with an unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="52"/>
        <source>Card or coupon blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="53"/>
        <source>Wrong kind of code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="54"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="55"/>
        <source>Not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="56"/>
        <source>Already used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="57"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="58"/>
        <source>Not valid at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="59"/>
        <source>Not valid for this brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="60"/>
        <source>Belongs to another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="61"/>
        <source>Scan the member card first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="62"/>
        <source>Only in the birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="63"/>
        <source>Usage limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="64"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="65"/>
        <source>Minimum spend not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="66"/>
        <source>No eligible item in the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Already in this checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="69"/>
        <source>Too many uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Nothing left to discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Not enough points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Points must be a multiple of the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Points exceed the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Unknown point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Check the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Unknown product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>Total changed - check and settle again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Checkout already settled differently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Already voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="81"/>
        <source>Too late to void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Not authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Wrong staff id or PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
