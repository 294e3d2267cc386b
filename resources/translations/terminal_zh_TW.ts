<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="20"/>
        <source>Cashier sign-in</source>
        <translation>收銀員登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="35"/>
        <source>Staff ID</source>
        <translation>員工編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="36"/>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="39"/>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="40"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="321"/>
        <source>Loyalty Terminal</source>
        <translation>會員核銷終端</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="322"/>
        <source>Loyalty redemption</source>
        <translation>會員點數核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="323"/>
        <source>Scan or type a code + Enter</source>
        <translation>掃描或輸入條碼後按 Enter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="324"/>
        <source>Enter</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="325"/>
        <source>Camera (F5)</source>
        <translation>相機 (F5)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="326"/>
        <source>Basket</source>
        <translation>購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Item</source>
        <translation>品項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="327"/>
        <source>Pay</source>
        <translation>應付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="328"/>
        <source>Amount (F2)</source>
        <translation>金額 (F2)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="329"/>
        <source>Add amount</source>
        <translation>加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="330"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="331"/>
        <source>Price override (F4)</source>
        <translation>改價 (F4)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="332"/>
        <location filename="../../terminal/ui/main_window.py" line="767"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Verdict</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="333"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="334"/>
        <source>Remove coupon</source>
        <translation>移除優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="335"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="336"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation>持有的優惠券與寄杯（點選加入）：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="337"/>
        <location filename="../../terminal/ui/main_window.py" line="761"/>
        <location filename="../../terminal/ui/main_window.py" line="786"/>
        <source>Checkout</source>
        <translation>結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="338"/>
        <source>New (F9)</source>
        <translation>新交易 (F9)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="339"/>
        <source>Print (F6)</source>
        <translation>列印 (F6)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="340"/>
        <source>Void last (F8)</source>
        <translation>作廢上一筆 (F8)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="341"/>
        <source>Settle (F12)</source>
        <translation>結帳 (F12)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="342"/>
        <source>Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation>Esc 掃描欄 · F2 金額 · F3 最多點數 · F4 改價 · F5 相機 · F8 作廢 · F9 新交易 · F11 全螢幕 · F12 結帳 · Ctrl+L 登出 · Ctrl+Shift+L 中文/English</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="345"/>
        <location filename="../../terminal/ui/main_window.py" line="725"/>
        <source>Max</source>
        <translation>最多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="414"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="489"/>
        <location filename="../../terminal/ui/main_window.py" line="577"/>
        <source>Slip printed.</source>
        <translation>已列印明細。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="495"/>
        <source>Void last checkout</source>
        <translation>作廢上一筆交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="495"/>
        <source>A manager must approve a void.</source>
        <translation>作廢需主管核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="507"/>
        <source>Price override</source>
        <translation>改價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="508"/>
        <source>New unit price for: %1</source>
        <translation>%1 的新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="509"/>
        <source>New price</source>
        <translation>新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="535"/>
        <source>No camera configured.</source>
        <translation>未設定相機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="549"/>
        <source>Camera stopped: %1</source>
        <translation>相機已停止：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="563"/>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="567"/>
        <source>Member: %1</source>
        <translation>會員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="568"/>
        <source>Coupon accepted: %1</source>
        <translation>優惠券可用：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="569"/>
        <source>Added: %1</source>
        <translation>已加入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="570"/>
        <source>Amount added</source>
        <translation>已加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="571"/>
        <source>Points applied</source>
        <translation>已折抵點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="572"/>
        <source>Settled</source>
        <translation>結帳完成</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="573"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="574"/>
        <source>Override approved</source>
        <translation>主管已核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="575"/>
        <source>Signed in: %1</source>
        <translation>已登入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="576"/>
        <source>Signed out</source>
        <translation>已登出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="580"/>
        <source>Coupon added: %1</source>
        <translation>已加入優惠券：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="589"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation>請掃描會員卡、優惠券或商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="607"/>
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="609"/>
        <source>Not signed in</source>
        <translation>未登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="612"/>
        <source>Online</source>
        <translation>連線中</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="612"/>
        <source>Offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="616"/>
        <source>Pending sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="618"/>
        <source>oldest %1</source>
        <translation>最久 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="625"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="628"/>
        <source>%1 conflict(s) for the manager</source>
        <translation>%1 筆衝突待店長處理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="668"/>
        <source>Accepted</source>
        <translation>可使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="672"/>
        <source>Add items to check this coupon</source>
        <translation>加入商品後檢查</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="692"/>
        <source>No member card scanned</source>
        <translation>尚未掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="703"/>
        <source>%1 %2 expire %3</source>
        <translation>%1 %2 將於 %3 到期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="741"/>
        <source>max %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="742"/>
        <source>Use %1</source>
        <translation>使用%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="758"/>
        <source>Receipt</source>
        <translation>交易明細</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="759"/>
        <source>Settled ✓  paid</source>
        <translation>結帳完成 ✓ 實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="765"/>
        <location filename="../../terminal/ui/main_window.py" line="795"/>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="769"/>
        <source>Points</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="771"/>
        <location filename="../../terminal/ui/main_window.py" line="815"/>
        <source>Points earned: %1</source>
        <translation>獲得%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="773"/>
        <location filename="../../terminal/ui/main_window.py" line="817"/>
        <source>Points spent: %1</source>
        <translation>使用%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="776"/>
        <source>Balance now: %1</source>
        <translation>%1餘額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="777"/>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="777"/>
        <source>VOIDED</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="782"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation>下一次掃描即開始新交易 (F9)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="787"/>
        <source>To pay</source>
        <translation>應付金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="792"/>
        <source>Scan products or enter an amount.</source>
        <translation>請掃描商品或輸入金額。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="806"/>
        <source>Discounts</source>
        <translation>折扣合計</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="78"/>
        <source>Manager ID</source>
        <translation>主管編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="79"/>
        <source>Manager PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="80"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="83"/>
        <source>Approve</source>
        <translation>核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="84"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="95"/>
        <source>A reason is required.</source>
        <translation>請填寫原因。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="99"/>
        <source>Enter a value.</source>
        <translation>請輸入數值。</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="45"/>
        <source>Nothing was scanned</source>
        <translation>沒有掃到條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="46"/>
        <source>Code is too long</source>
        <translation>條碼過長</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="47"/>
        <source>Not a code of this program</source>
        <translation>不是本會員方案的條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="48"/>
        <source>Check digit wrong - scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="49"/>
        <source>Unknown code</source>
        <translation>查無此條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="50"/>
        <source>Forged or altered code</source>
        <translation>條碼遭竄改或偽造</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="51"/>
        <source>Signed with an unknown key</source>
        <translation>簽章金鑰未知</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="52"/>
        <source>Card or coupon blocked</source>
        <translation>卡片或票券已停用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="53"/>
        <source>Wrong kind of code</source>
        <translation>條碼種類不符</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="54"/>
        <source>Expired</source>
        <translation>已過期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="55"/>
        <source>Not valid yet</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="56"/>
        <source>Already used up</source>
        <translation>已使用完畢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="57"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="58"/>
        <source>Not valid at this store</source>
        <translation>本門市不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="59"/>
        <source>Not valid for this brand</source>
        <translation>本品牌不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="60"/>
        <source>Belongs to another member</source>
        <translation>屬於其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="61"/>
        <source>Scan the member card first</source>
        <translation>請先掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="62"/>
        <source>Only in the birthday month</source>
        <translation>限生日當月使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="63"/>
        <source>Usage limit reached</source>
        <translation>已達使用次數上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="64"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation>本機尚無資料，需要同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="65"/>
        <source>Minimum spend not met</source>
        <translation>未達最低消費</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="66"/>
        <source>No eligible item in the basket</source>
        <translation>購物車中沒有適用商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Cannot be combined</source>
        <translation>不可合併使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Already in this checkout</source>
        <translation>本筆交易已加入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="69"/>
        <source>Too many uses</source>
        <translation>使用次數過多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Nothing left to discount</source>
        <translation>已無可折抵金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Not enough points</source>
        <translation>點數不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Points must be a multiple of the step</source>
        <translation>點數須為折抵單位的倍數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Points exceed the bill</source>
        <translation>點數折抵超過上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Unknown point type</source>
        <translation>未知的點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Check the basket</source>
        <translation>請檢查購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Unknown product</source>
        <translation>查無此商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>Total changed - check and settle again</source>
        <translation>金額已變動，請確認後再結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Checkout already settled differently</source>
        <translation>此交易已以不同內容結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Not found</source>
        <translation>查無資料</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Already voided</source>
        <translation>已作廢過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="81"/>
        <source>Too late to void</source>
        <translation>已超過可作廢時限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Not authorized</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Wrong staff id or PIN</source>
        <translation>員工編號或密碼錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Refused</source>
        <translation>不接受</translation>
    </message>
</context>
</TS>
