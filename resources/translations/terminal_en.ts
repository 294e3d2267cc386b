<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BasketPanel</name>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="79"/>
        <source>Basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="80"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="80"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="80"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="80"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="81"/>
        <source>Amount (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Add amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="83"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="84"/>
        <source>Price override (F4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPanel</name>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="59"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="107"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="73"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="74"/>
        <source>Settled ✓  paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>Checkout no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="82"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="116"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="84"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="86"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="88"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="139"/>
        <source>Points earned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="90"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="141"/>
        <source>Points spent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="93"/>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>Not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>VOIDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="101"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="108"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="113"/>
        <source>Scan products or enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="126"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouponPanel</name>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="43"/>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="44"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="44"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="44"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="44"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="45"/>
        <source>Remove coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="57"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="61"/>
        <source>Add items to check this coupon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="168"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="169"/>
        <source>Something went wrong: %1

A report for IT was saved to:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="68"/>
        <source>Enrol this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="70"/>
        <source>This PC is not enrolled yet. Enter the central server address and the one-time enrolment token from the server administrator. The device credential is kept in the system&apos;s credential vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="72"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="81"/>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="72"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="81"/>
        <source>Enrolment token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="72"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="82"/>
        <source>Terminal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <source>e.g. XINYI-01 (the PC&apos;s asset tag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="76"/>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="84"/>
        <source>Please fill in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="87"/>
        <source>The server URL must start with https:// (or http:// on a test network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="90"/>
        <source>Enrolling and downloading this store&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="108"/>
        <source>Enrolment failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <location filename="../../terminal/ui/main_window.py" line="253"/>
        <source>Loyalty Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="254"/>
        <source>Loyalty redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="255"/>
        <source>Scan or type a code + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="256"/>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="257"/>
        <source>Camera (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="260"/>
        <source>New (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="261"/>
        <source>Print (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="262"/>
        <source>Void last (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="263"/>
        <source>Settle (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="264"/>
        <source>Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="361"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="425"/>
        <source>Beyond the offline allowance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="426"/>
        <source>This sale spends more points or stored-voucher uses than the server allows while offline. A manager must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="451"/>
        <location filename="../../terminal/ui/main_window.py" line="567"/>
        <source>Slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="457"/>
        <source>Void last checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="457"/>
        <source>A manager must approve a void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="469"/>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="470"/>
        <source>New unit price for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="471"/>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="497"/>
        <source>No camera configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="511"/>
        <source>Camera stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="553"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="557"/>
        <source>Member: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="558"/>
        <source>Coupon accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="559"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="560"/>
        <source>Amount added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="561"/>
        <source>Points applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="562"/>
        <source>Settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="563"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="564"/>
        <source>Override approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="565"/>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="566"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="570"/>
        <source>Coupon added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="576"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="577"/>
        <source>Checkout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="584"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="598"/>
        <source>Cashier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="600"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="603"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="603"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="607"/>
        <source>Pending sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="609"/>
        <source>oldest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="616"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="619"/>
        <source>%1 conflict(s) for the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="622"/>
        <source>Credential vault locked · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="623"/>
        <source>Credential vault unavailable · sync retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="624"/>
        <source>Credential missing from the vault · call IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="648"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="650"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="651"/>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDeskWindow</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="175"/>
        <source>Manager desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="207"/>
        <location filename="../../terminal/ui/manager_desk.py" line="231"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="207"/>
        <source>Basket revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="208"/>
        <source>Coupon discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="208"/>
        <source>Points discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="209"/>
        <source>Discount share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="209"/>
        <location filename="../../terminal/ui/manager_desk.py" line="231"/>
        <location filename="../../terminal/ui/manager_desk.py" line="256"/>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="209"/>
        <location filename="../../terminal/ui/manager_desk.py" line="256"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="210"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="210"/>
        <source>Stored-voucher uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="210"/>
        <source>Not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="223"/>
        <source>Collected per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="227"/>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="227"/>
        <location filename="../../terminal/ui/manager_desk.py" line="266"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="227"/>
        <source>Redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="227"/>
        <source>Uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="228"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="228"/>
        <source>Voided uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <source>Point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <source>Earned reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="230"/>
        <source>Spent reversed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="231"/>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="231"/>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="235"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="235"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="235"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="235"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="236"/>
        <source>Voids and overrides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="239"/>
        <location filename="../../terminal/ui/manager_desk.py" line="360"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="240"/>
        <location filename="../../terminal/ui/manager_desk.py" line="370"/>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="241"/>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="250"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="258"/>
        <source>Void selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="261"/>
        <source>Sales of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="266"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="266"/>
        <source>What the server decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="267"/>
        <source>First (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="267"/>
        <source>This store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="273"/>
        <source>Absorb the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="274"/>
        <source>Charge the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Block the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="278"/>
        <source>Record decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="284"/>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="318"/>
        <source>void %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="322"/>
        <source>voided: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="328"/>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="332"/>
        <source>Coupon used twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="332"/>
        <source>Stored voucher over-used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="333"/>
        <source>Points overdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="333"/>
        <source>Redeemed after a void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="334"/>
        <source>Coupon unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="334"/>
        <source>Points lot unknown to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="335"/>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="336"/>
        <source>Not booked: the rules cannot produce it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Member blocked meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Per-member limit exceeded chain-wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="342"/>
        <source>Product voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="342"/>
        <source>Amount off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="343"/>
        <source>Percent off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="343"/>
        <source>Stored voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="343"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="363"/>
        <location filename="../../terminal/ui/manager_desk.py" line="373"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="380"/>
        <source>Void %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="380"/>
        <source>Reason for the void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="385"/>
        <source>Voided %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="399"/>
        <source>Close with unsynced sales?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="400"/>
        <source>%1 sale(s) are not confirmed by the server. Reason to close anyway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="417"/>
        <source>Day %1 closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="418"/>
        <source>(closed by manager override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="419"/>
        <source>Summary saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="433"/>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="438"/>
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
    <name>MemberPanel</name>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="66"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="67"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="69"/>
        <location filename="../../terminal/ui/member_panel.py" line="114"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="77"/>
        <source>No member card scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="88"/>
        <source>%1 %2 expire %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="136"/>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="137"/>
        <source>Use %1</source>
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
        <location filename="../../terminal/ui/i18n.py" line="52"/>
        <source>Code is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="53"/>
        <source>Not a code of this program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="54"/>
        <source>Check digit wrong - scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="55"/>
        <source>Unknown code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="56"/>
        <source>Forged or altered code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="57"/>
        <source>Signed with an unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="58"/>
        <source>Card or coupon blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="59"/>
        <source>Wrong kind of code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="60"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="61"/>
        <source>Not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="62"/>
        <source>Already used up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="63"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="64"/>
        <source>Not valid at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="65"/>
        <source>Not valid for this brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="66"/>
        <source>Belongs to another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Scan the member card first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Only in the birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="69"/>
        <source>Usage limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Minimum spend not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>No eligible item in the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Already in this checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Too many uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Nothing left to discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>Not enough points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Points must be a multiple of the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Points exceed the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Unknown point type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="81"/>
        <source>Check the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Unknown product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Total changed - check and settle again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Checkout already settled differently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Already voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Too late to void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="88"/>
        <source>Not authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Wrong staff id or PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="91"/>
        <source>Staff id locked after wrong PINs - wait, or ask a manager to unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="92"/>
        <source>Sales not yet synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="93"/>
        <source>Day already closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="94"/>
        <source>Check the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <source>Beyond the offline allowance - manager approval needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="97"/>
        <location filename="../../terminal/ui/i18n.py" line="98"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="182"/>
        <source>The counter cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="183"/>
        <source>This PC&apos;s replica file is damaged or cannot be read. Nothing was written to it. No sales can be made on this PC until IT has restored it: please call IT and show them the details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
