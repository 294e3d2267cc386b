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
        <location filename="../../terminal/ui/main_window.py" line="322"/>
        <source>Loyalty Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="323"/>
        <source>Loyalty redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="324"/>
        <source>Scan or type a code + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="325"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="326"/>
        <source>Camera (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="329"/>
        <source>Amount (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="330"/>
        <source>Add amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="331"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="332"/>
        <source>Price override (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <location filename="../../terminal/ui/main_window.py" line="789"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="335"/>
        <source>Remove coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="336"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="337"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="338"/>
        <location filename="../../terminal/ui/main_window.py" line="783"/>
        <location filename="../../terminal/ui/main_window.py" line="808"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="339"/>
        <source>New (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="340"/>
        <source>Print (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="341"/>
        <source>Void last (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="342"/>
        <source>Settle (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="343"/>
        <source>Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="346"/>
        <location filename="../../terminal/ui/main_window.py" line="747"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="436"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="511"/>
        <location filename="../../terminal/ui/main_window.py" line="599"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="517"/>
        <source>Void last checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="517"/>
        <source>A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="529"/>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="530"/>
        <source>New unit price for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="531"/>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="557"/>
        <source>No camera configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="571"/>
        <source>Camera stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="585"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="589"/>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="590"/>
        <source>Coupon accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="591"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="592"/>
        <source>Amount added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="593"/>
        <source>Points applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="594"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="595"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="596"/>
        <source>Override approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="597"/>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="598"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="602"/>
        <source>Coupon added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="611"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="629"/>
        <source>Cashier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="631"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="634"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="634"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="638"/>
        <source>Pending sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="640"/>
        <source>oldest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="647"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="650"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="690"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="694"/>
        <source>Add items to check this coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="714"/>
        <source>No member card scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="725"/>
        <source>%1 %2 expire %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="763"/>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="764"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="780"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="781"/>
        <source>Settled ✓  paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="787"/>
        <location filename="../../terminal/ui/main_window.py" line="817"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="791"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="793"/>
        <location filename="../../terminal/ui/main_window.py" line="837"/>
        <source>Points earned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="795"/>
        <location filename="../../terminal/ui/main_window.py" line="839"/>
        <source>Points spent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="798"/>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="799"/>
        <source>Not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="799"/>
        <source>VOIDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="804"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="809"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="814"/>
        <source>Scan products or enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="828"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDeskWindow</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="132"/>
        <source>Manager desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="140"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="164"/>
        <location filename="../../terminal/ui/manager_desk.py" line="188"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="164"/>
        <source>Basket revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="165"/>
        <source>Coupon discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="165"/>
        <source>Points discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="166"/>
        <source>Discount share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="166"/>
        <location filename="../../terminal/ui/manager_desk.py" line="188"/>
        <location filename="../../terminal/ui/manager_desk.py" line="213"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="166"/>
        <location filename="../../terminal/ui/manager_desk.py" line="213"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="167"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="167"/>
        <source>Stored-voucher uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="167"/>
        <source>Not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="180"/>
        <source>Collected per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <location filename="../../terminal/ui/manager_desk.py" line="223"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>Redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="185"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="185"/>
        <source>Voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="186"/>
        <source>Point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="186"/>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="186"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="186"/>
        <source>Earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="187"/>
        <source>Spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="188"/>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="188"/>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="193"/>
        <source>Voids and overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="196"/>
        <location filename="../../terminal/ui/manager_desk.py" line="315"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="197"/>
        <location filename="../../terminal/ui/manager_desk.py" line="325"/>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="198"/>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="207"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="215"/>
        <source>Void selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="218"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="223"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="223"/>
        <source>What the server decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="224"/>
        <source>First (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="224"/>
        <source>This store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="230"/>
        <source>Absorb the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="231"/>
        <source>Charge the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="232"/>
        <source>Block the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="234"/>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="235"/>
        <source>Record decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="241"/>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>void %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <source>voided: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="285"/>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="289"/>
        <source>Coupon used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="289"/>
        <source>Stored voucher over-used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="290"/>
        <source>Points overdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="290"/>
        <source>Redeemed after a void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Coupon unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Points lot unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="292"/>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="297"/>
        <source>Product voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="297"/>
        <source>Amount off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="298"/>
        <source>Percent off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="298"/>
        <source>Stored voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="298"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="318"/>
        <location filename="../../terminal/ui/manager_desk.py" line="328"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="335"/>
        <source>Void %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="335"/>
        <source>Reason for the void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="340"/>
        <source>Voided %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="354"/>
        <source>Close with unsynced sales?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="355"/>
        <source>%1 sale(s) are not confirmed by the server. Reason to close anyway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="372"/>
        <source>Day %1 closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="373"/>
        <source>(closed by manager override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="374"/>
        <source>Summary saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="388"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="393"/>
        <source>Decision recorded; it is sent to the server.</source>
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
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="35"/>
        <source>Manager sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="44"/>
        <source>Manager ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="45"/>
        <source>Manager PIN</source>
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
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Sales not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Day already closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Check the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
