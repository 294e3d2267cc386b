<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>ActionBar</name>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="40"/>
        <source>New (F9)</source>
        <translation>新交易 (F9)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="41"/>
        <source>Print (F6)</source>
        <translation>列印 (F6)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="42"/>
        <source>Void last (F8)</source>
        <translation>作廢上一筆 (F8)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/action_bar.py" line="43"/>
        <source>Settle (F12)</source>
        <translation>結帳 (F12)</translation>
    </message>
</context>
<context>
    <name>BasketPanel</name>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="81"/>
        <source>Basket</source>
        <translation>購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Item</source>
        <translation>品項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="82"/>
        <source>Pay</source>
        <translation>應付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="83"/>
        <source>Amount (F2)</source>
        <translation>金額 (F2)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="84"/>
        <source>Add amount</source>
        <translation>加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
        <source>Price override (F4)</source>
        <translation>改價 (F4)</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../terminal/ui/camera.py" line="35"/>
        <source>No camera found: check that it is plugged in and not used by another program, then press F5 again. Scanners and typing still work.</source>
        <translation>找不到攝影機：請確認已接上且未被其他程式使用，再按 F5。掃描器與手動輸入仍可使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="37"/>
        <source>The camera stopped sending pictures (unplugged?). Plug it in again and press F5. Scanners and typing still work.</source>
        <translation>攝影機停止傳送影像（被拔除了嗎？）。請重新接上再按 F5。掃描器與手動輸入仍可使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="39"/>
        <source>The camera&apos;s video file or image folder cannot be read: check the [camera] source setting.</source>
        <translation>無法讀取攝影機的影片檔或圖片資料夾：請檢查 [camera] source 設定。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/camera.py" line="41"/>
        <source>The camera stopped. Press F5 to try again; scanners and typing still work.</source>
        <translation>攝影機已停止。請按 F5 重試；掃描器與手動輸入仍可使用。</translation>
    </message>
</context>
<context>
    <name>CampaignReport</name>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="29"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="30"/>
        <source>Campaign</source>
        <translation>活動</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="31"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="32"/>
        <source>Issued</source>
        <translation>發券數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="33"/>
        <source>Redeemed</source>
        <translation>核銷數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="34"/>
        <source>Redemption rate %</source>
        <translation>核銷率 %</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="35"/>
        <source>Discount</source>
        <translation>折扣金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="36"/>
        <source>Baskets</source>
        <translation>交易筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="37"/>
        <source>Revenue</source>
        <translation>營收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="38"/>
        <source>Avg basket with</source>
        <translation>平均客單（有用）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="39"/>
        <source>Avg basket without</source>
        <translation>平均客單（未用）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="40"/>
        <source>First-time members</source>
        <translation>首次使用會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="45"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="46"/>
        <source>Promotion</source>
        <translation>自動促銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="63"/>
        <source>Campaign report</source>
        <translation>活動成效報表</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="64"/>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="65"/>
        <source>Campaigns</source>
        <translation>活動數</translation>
    </message>
</context>
<context>
    <name>CheckoutPanel</name>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="60"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="115"/>
        <source>Checkout</source>
        <translation>結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="75"/>
        <source>Receipt</source>
        <translation>交易明細</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="75"/>
        <source>Receipt (VOIDED)</source>
        <translation>交易明細（已作廢）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>Settled ✓  paid</source>
        <translation>結帳完成 ✓ 實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>Checkout no.</source>
        <translation>交易編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="124"/>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="90"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="92"/>
        <source>Points</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="95"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="149"/>
        <source>Points earned: %1</source>
        <translation>獲得%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="97"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="151"/>
        <source>Points spent: %1</source>
        <translation>使用%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="100"/>
        <source>Balance now: %1</source>
        <translation>%1餘額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="76"/>
        <source>VOIDED · was</source>
        <translation>已作廢 · 原收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="79"/>
        <source>VOIDED</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="108"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation>下一次掃描即開始新交易 (F9)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="116"/>
        <source>To pay</source>
        <translation>應付金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="121"/>
        <source>Scan products or enter an amount.</source>
        <translation>請掃描商品或輸入金額。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="135"/>
        <source>Discounts</source>
        <translation>折扣合計</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="24"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="37"/>
        <source>Sign out?</source>
        <translation>要登出嗎？</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="38"/>
        <source>The basket has %1 line(s) and %2 coupon(s) that are not settled. Signing out discards them.</source>
        <translation>購物籃有 %1 個品項與 %2 張優惠券尚未結帳。登出將會捨棄它們。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="41"/>
        <source>Discard and sign out</source>
        <translation>捨棄並登出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="45"/>
        <source>The day is closed</source>
        <translation>本日已關帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="46"/>
        <source>Day %1 was closed by %2. This sale is booked after the close and listed apart in the day&apos;s report. Settle it?</source>
        <translation>%1 已由 %2 關帳。這筆交易將記為關帳後交易，並在當日報表中另行列出。要結帳嗎？</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/confirm.py" line="49"/>
        <source>Settle after the close</source>
        <translation>關帳後結帳</translation>
    </message>
</context>
<context>
    <name>CouponPanel</name>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="46"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Verdict</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="47"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="48"/>
        <source>Remove coupon</source>
        <translation>移除優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="49"/>
        <source>−1 use</source>
        <translation>−1 次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>One use less of the selected (else the last) coupon (Ctrl+-)</source>
        <translation>所選（未選則最後一張）優惠券少用一次 (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="62"/>
        <source>Accepted</source>
        <translation>可使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="66"/>
        <source>Add items to check this coupon</source>
        <translation>加入商品後檢查</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="195"/>
        <source>Unexpected error</source>
        <translation>發生未預期的錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="196"/>
        <source>Something went wrong: %1

A report for IT was saved to:
%2</source>
        <translation>發生錯誤：%1

給 IT 人員的報告已存於：
%2</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="71"/>
        <source>Enrol this terminal</source>
        <translation>註冊此收銀機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="73"/>
        <source>This PC is not enrolled yet. Enter the central server address and the one-time enrolment token from the server administrator. The device credential is kept in the system&apos;s credential vault.</source>
        <translation>此電腦尚未註冊。請輸入總部伺服器網址，以及伺服器管理員提供的一次性註冊碼。裝置憑證會保存在系統的憑證保管庫中。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="84"/>
        <source>Server URL</source>
        <translation>伺服器網址</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="84"/>
        <source>Enrolment token</source>
        <translation>註冊碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="85"/>
        <source>Terminal ID</source>
        <translation>收銀機編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="78"/>
        <source>e.g. XINYI-01 (the PC&apos;s asset tag)</source>
        <translation>例如 XINYI-01（電腦的資產編號）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="79"/>
        <source>Enrol</source>
        <translation>註冊</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="80"/>
        <source>Quit</source>
        <translation>離開</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="87"/>
        <source>Please fill in: %1</source>
        <translation>請填寫：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="90"/>
        <source>The server URL must start with https:// (or http:// on a test network).</source>
        <translation>伺服器網址必須以 https:// 開頭（測試網路可用 http://）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="93"/>
        <source>Enrolling and downloading this store&apos;s data…</source>
        <translation>正在註冊並下載本店資料…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="131"/>
        <source>Enrolment failed: %1</source>
        <translation>註冊失敗：%1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="30"/>
        <source>Cashier sign-in</source>
        <translation>收銀員登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="48"/>
        <source>Staff ID</source>
        <translation>員工編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="49"/>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="55"/>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="56"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="68"/>
        <source>Locked until %1 (store time). A manager can unlock it now at the manager desk: Cancel, press F10, tab &quot;Locked staff&quot;.</source>
        <translation>鎖定至 %1（門市時間）。店長可立即於店長作業解鎖：按「取消」，再按 F10，選「鎖定的員工」分頁。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="286"/>
        <source>Keys (F1)</source>
        <translation>快捷鍵 (F1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="287"/>
        <source>Esc scan · F1 quick keys · Ctrl+K find · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · Ctrl+R sales · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation>Esc 掃描欄 · F1 快捷鍵 · Ctrl+K 搜尋商品 · F2 金額 · F3 最多點數 · F4 改價 · F5 相機 · F8 作廢 · F9 新交易 · F10 店長 · Ctrl+R 交易查詢 · F11 全螢幕 · F12 結帳 · Ctrl+L 登出 · Ctrl+Shift+L 中文/English</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="50"/>
        <source>Sign in first: the sales list needs a signed-in cashier.</source>
        <translation>請先登入:交易查詢需要收銀員登入。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="404"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="61"/>
        <source>Beyond the offline allowance</source>
        <translation>超出離線額度</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="62"/>
        <source>This sale spends more points or stored-voucher uses than the server allows while offline. A manager must approve it.</source>
        <translation>這筆交易在離線時使用的點數或儲值券次數超過伺服器核給的額度，須由店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="506"/>
        <source>Slip printed.</source>
        <translation>已列印明細。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="78"/>
        <source>Void last checkout</source>
        <translation>作廢上一筆交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="78"/>
        <source>A manager must approve a void.</source>
        <translation>作廢需主管核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="90"/>
        <source>Price override</source>
        <translation>改價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="91"/>
        <source>New unit price for: %1</source>
        <translation>%1 的新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="92"/>
        <source>New price</source>
        <translation>新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="19"/>
        <source>No camera configured.</source>
        <translation>未設定相機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="539"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="539"/>
        <source>Not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="45"/>
        <source>Camera stopped</source>
        <translation>攝影機已停止</translation>
    </message>
</context>
<context>
    <name>ManagerDeskWindow</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="206"/>
        <source>Manager desk</source>
        <translation>店長作業</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="214"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="252"/>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <source>Settlements</source>
        <translation>交易筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="252"/>
        <source>Basket revenue</source>
        <translation>營業額（原價）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="253"/>
        <source>Coupon discounts</source>
        <translation>優惠券折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="253"/>
        <source>Points discounts</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <source>Discount share</source>
        <translation>折抵比例</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="310"/>
        <source>Collected</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="254"/>
        <location filename="../../terminal/ui/manager_desk.py" line="310"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Stored-voucher uses</source>
        <translation>寄杯核銷次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="255"/>
        <source>Not yet synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="270"/>
        <source>Collected per hour</source>
        <translation>每小時實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Redemptions</source>
        <translation>核銷筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="275"/>
        <source>Uses</source>
        <translation>次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Voided uses</source>
        <translation>作廢次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Point type</source>
        <translation>點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Earned</source>
        <translation>獲得</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="277"/>
        <source>Earned reversed</source>
        <translation>獲得（沖回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="278"/>
        <source>Spent reversed</source>
        <translation>使用（退回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="279"/>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Discounts</source>
        <translation>折扣合計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>What</source>
        <translation>事項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="280"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="283"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="283"/>
        <source>Points</source>
        <translation>點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="284"/>
        <source>Voids and overrides</source>
        <translation>作廢與主管核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="284"/>
        <source>Cashiers</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="289"/>
        <location filename="../../terminal/ui/manager_desk.py" line="502"/>
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="290"/>
        <location filename="../../terminal/ui/manager_desk.py" line="512"/>
        <source>Export PDF</source>
        <translation>匯出 PDF</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Close the day</source>
        <translation>日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="304"/>
        <source>Report</source>
        <translation>報表</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Checkout</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="309"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="312"/>
        <source>Void selected</source>
        <translation>作廢所選交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="314"/>
        <source>Find a sale: reprint, return...</source>
        <translation>查詢交易:重印、退貨...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="322"/>
        <source>Sales of the day</source>
        <translation>當日交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>Received</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="337"/>
        <source>What the server decided</source>
        <translation>伺服器判定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>First (kept)</source>
        <translation>先到者（有效）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>This store</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="344"/>
        <source>Absorb the loss</source>
        <translation>由公司吸收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="345"/>
        <source>Charge the member</source>
        <translation>向會員收取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="346"/>
        <source>Block the card</source>
        <translation>停用會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="348"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="349"/>
        <source>Record decision</source>
        <translation>記錄處理結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="355"/>
        <source>Conflicts</source>
        <translation>衝突</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="360"/>
        <source>A staff ID is locked after 5 wrong PINs in a row: for 30 seconds, doubling with every further wrong PIN up to 1 hour. A manager can unlock it here at once; the unlock is written to the audit log.</source>
        <translation>員工編號連續輸錯密碼 5 次即鎖定 30 秒，之後每再錯一次時間加倍，最長 1 小時。店長可在此立即解鎖；解鎖會記入稽核紀錄。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Staff ID</source>
        <translation>員工編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Wrong PINs</source>
        <translation>密碼錯誤次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="365"/>
        <source>Locked since</source>
        <translation>鎖定起始</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="366"/>
        <source>Locked until</source>
        <translation>鎖定至</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="372"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="374"/>
        <source>Unlock selected...</source>
        <translation>解鎖所選員工…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="383"/>
        <location filename="../../terminal/ui/manager_desk.py" line="446"/>
        <source>Locked staff</source>
        <translation>鎖定的員工</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="403"/>
        <source>%1 settled, %2 voided</source>
        <translation>結帳 %1 筆，作廢 %2 筆</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="419"/>
        <source>void %1 (%2)</source>
        <translation>作廢 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="423"/>
        <source>voided: %1</source>
        <translation>已作廢：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="430"/>
        <source>Conflicts (%1)</source>
        <translation>衝突（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="445"/>
        <source>Locked staff (%1)</source>
        <translation>鎖定的員工（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="458"/>
        <source>unlock %1 (%2 wrong PINs)</source>
        <translation>解鎖 %1（密碼錯誤 %2 次）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="460"/>
        <source>PIN lockout cleared</source>
        <translation>已解除密碼鎖定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="465"/>
        <source>Coupon used twice</source>
        <translation>優惠券重複使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="465"/>
        <source>Stored voucher over-used</source>
        <translation>寄杯超額使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="466"/>
        <source>Points overdrawn</source>
        <translation>點數超額使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="466"/>
        <source>Redeemed after a void</source>
        <translation>作廢後仍被核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="467"/>
        <source>Coupon unknown to the server</source>
        <translation>伺服器查無此券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="467"/>
        <source>Points lot unknown to the server</source>
        <translation>伺服器查無此點數批次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="468"/>
        <source>Refused by the server</source>
        <translation>伺服器拒收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="469"/>
        <source>Not booked: the rules cannot produce it</source>
        <translation>未入帳：規則無法產生此結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="470"/>
        <source>Member blocked meanwhile</source>
        <translation>會員在此期間已被停用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="470"/>
        <source>Per-member limit exceeded chain-wide</source>
        <translation>全通路每位會員限用次數已超過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="471"/>
        <source>Manager approved beyond the offline allowance</source>
        <translation>店長核准超出離線額度</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="476"/>
        <source>Product voucher</source>
        <translation>商品券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="476"/>
        <source>Amount off</source>
        <translation>折價券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Percent off</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Stored voucher</source>
        <translation>寄杯</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="477"/>
        <source>Bundle</source>
        <translation>組合券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="505"/>
        <location filename="../../terminal/ui/manager_desk.py" line="515"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="522"/>
        <source>Void %1</source>
        <translation>作廢 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="522"/>
        <source>Reason for the void</source>
        <translation>作廢原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="527"/>
        <source>Voided %1</source>
        <translation>已作廢 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="541"/>
        <source>Close with unsynced sales?</source>
        <translation>仍有未同步交易，要日結嗎？</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="542"/>
        <source>%1 sale(s) are not confirmed by the server. Press Cancel and then &quot;Sync now&quot; to send them first, or give a reason to close anyway:</source>
        <translation>有 %1 筆交易尚未經伺服器確認。請按「取消」後再按「立即同步」先送出，或填寫理由仍要關帳：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="560"/>
        <source>Day %1 closed.</source>
        <translation>%1 已日結。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="561"/>
        <source>(closed by manager override)</source>
        <translation>（店長核准強制日結）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="562"/>
        <source>Summary saved to %1</source>
        <translation>日結報表已存至 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="576"/>
        <source>A reason is required.</source>
        <translation>請填寫原因。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="581"/>
        <source>Decision recorded; it is sent to the server.</source>
        <translation>已記錄處理結果，將傳送至伺服器。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="596"/>
        <source>Unlock %1</source>
        <translation>解鎖 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="597"/>
        <source>Unlock</source>
        <translation>解鎖</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="598"/>
        <source>%1 (%2): %3 wrong PINs, locked until %4. A manager&apos;s ID and PIN unlock it now; the unlock is written to the audit log.</source>
        <translation>%1（%2）：密碼錯誤 %3 次，鎖定至 %4。輸入主管編號與密碼即可立即解鎖；解鎖會記入稽核紀錄。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="612"/>
        <source>%1 unlocked (%2 wrong PINs cleared). They can sign in again now (Ctrl+L at the counter).</source>
        <translation>%1 已解鎖（清除 %2 次密碼錯誤）。現在可重新登入（在收銀畫面按 Ctrl+L）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="615"/>
        <source>%1 was no longer locked.</source>
        <translation>%1 已不在鎖定中。</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="101"/>
        <source>Manager ID</source>
        <translation>主管編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="102"/>
        <source>Manager PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="103"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="106"/>
        <source>Approve</source>
        <translation>核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="107"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="121"/>
        <source>A reason is required.</source>
        <translation>請填寫原因。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="125"/>
        <source>Enter a value.</source>
        <translation>請輸入數值。</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="44"/>
        <source>Manager sign-in</source>
        <translation>店長登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="60"/>
        <source>Manager ID</source>
        <translation>主管編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="61"/>
        <source>Manager PIN</source>
        <translation>主管密碼</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="67"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="68"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation>持有的優惠券與寄杯（點選加入）：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="70"/>
        <location filename="../../terminal/ui/member_panel.py" line="115"/>
        <source>Max</source>
        <translation>最多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="78"/>
        <source>No member card scanned</source>
        <translation>尚未掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="89"/>
        <source>%1 %2 expire %3</source>
        <translation>%1 %2 將於 %3 到期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="137"/>
        <source>max %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="138"/>
        <source>Use %1</source>
        <translation>使用%1</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="37"/>
        <source>Find member</source>
        <translation>查詢會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="45"/>
        <source>Phone (0912-345-678) or name (at least 2 characters)</source>
        <translation>手機號碼（0912-345-678）或姓名（至少 2 個字）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="47"/>
        <source>Search</source>
        <translation>查詢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="62"/>
        <source>New member…</source>
        <translation>新會員…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="65"/>
        <source>Attach to sale</source>
        <translation>帶入本筆交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="68"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="90"/>
        <source>Type a phone number or at least 2 characters of the name.</source>
        <translation>請輸入手機號碼，或姓名至少 2 個字。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="93"/>
        <source>Searching…</source>
        <translation>查詢中…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="118"/>
        <source>(blocked)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="124"/>
        <source>Nobody found: check the number or the name, or sign the customer up (New member…).</source>
        <translation>查無會員：請確認號碼或姓名，或為顧客辦理入會（新會員…）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="126"/>
        <source>More members match: type more of the name, or ask for the phone number.</source>
        <translation>符合的會員較多：請輸入更完整的姓名，或詢問手機號碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="128"/>
        <source>Searched on this till only (the central server was not asked).</source>
        <translation>僅在本機查詢（未連線至總部伺服器）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_search_dialog.py" line="150"/>
        <source>Attaching…</source>
        <translation>帶入中…</translation>
    </message>
</context>
<context>
    <name>MemberSignupDialog</name>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="32"/>
        <source>New member</source>
        <translation>新會員入會</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="46"/>
        <source>(not given)</source>
        <translation>（未提供）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="50"/>
        <source>The member agrees to the membership terms and the privacy notice</source>
        <translation>會員同意會員條款及隱私權聲明</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="52"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="53"/>
        <source>Mobile phone</source>
        <translation>手機號碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="54"/>
        <source>Birth month</source>
        <translation>生日月份</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="57"/>
        <source>Sign-up needs the network: the central server makes the member and the card.</source>
        <translation>入會需要網路連線：由總部伺服器建立會員與會員卡。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="62"/>
        <source>Attach that member</source>
        <translation>帶入該會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="66"/>
        <source>Sign up</source>
        <translation>入會</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="70"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="107"/>
        <source>Signing up…</source>
        <translation>入會處理中…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="118"/>
        <source>Signed up: %1. Card number %2: write it on the member&apos;s card.</source>
        <translation>入會完成：%1。會員卡號 %2：請寫在會員卡上。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="120"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_signup_dialog.py" line="130"/>
        <source>Already a member: %1 %2</source>
        <translation>已是會員：%1 %2</translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="68"/>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="69"/>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/numpad.py" line="70"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>OfflineStrip</name>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="52"/>
        <source>Credential vault locked: sales are kept on this PC</source>
        <translation>憑證保管庫已鎖定：交易暫存於本機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="54"/>
        <source>Offline since %1 (last sync)</source>
        <translation>自 %1 起離線（上次同步）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="56"/>
        <source>Offline: this terminal has not synced yet</source>
        <translation>離線：本收銀機尚未同步過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="59"/>
        <source>%1 sale(s) waiting</source>
        <translation>%1 筆交易待送出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="63"/>
        <source>No offline allowance from the server yet: plain sales and bearer coupons work; stored vouchers, points and stored value need a manager.</source>
        <translation>尚未取得伺服器的離線額度：一般交易與不記名優惠券可用；儲值券、點數與儲值金需店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="67"/>
        <source>The offline allowance ended at %1: every coupon use and points spend needs a manager until this terminal syncs.</source>
        <translation>離線額度已於 %1 到期：在本收銀機同步前，每次使用優惠券或點數都需店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="71"/>
        <source>points up to %1 per member</source>
        <translation>每位會員點數最多 %1 點</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="76"/>
        <source>(this member: %1 more offline)</source>
        <translation>（本會員離線還可用 %1 點）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="78"/>
        <source>Still works: coupons, stored vouchers up to %1 use(s) each, %2, stored value up to %3 per card, promo codes up to %4 use(s); unknown members earn only.</source>
        <translation>仍可使用：優惠券、每張儲值券最多 %1 次、%2、每張卡儲值金最多 %3、促銷代碼最多 %4 次；未知會員僅能累點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="83"/>
        <source>A manager is needed beyond these, and for everything from %1 (%2 h left).</source>
        <translation>超過以上額度需店長核准；自 %1 起全部需店長核准（尚餘 %2 小時）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="93"/>
        <source>Day %1 is closed (%2 by %3)</source>
        <translation>%1 已關帳（%2，%3）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="96"/>
        <source>A sale now is booked after the close: you will be asked to confirm it, and the day&apos;s report lists it apart.</source>
        <translation>現在的交易將記為關帳後交易：結帳前會請您確認，並在當日報表中另行列出。</translation>
    </message>
</context>
<context>
    <name>PreviousSale</name>
    <message>
        <location filename="../../terminal/ui/previous_sale.py" line="40"/>
        <source>Previous sale VOIDED %1 · no. %2 · %3</source>
        <translation>上一筆 已作廢 %1 · 編號 %2 · %3</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/previous_sale.py" line="43"/>
        <source>Previous sale paid ✓ %1 · no. %2 · %3</source>
        <translation>上一筆 已收款 ✓ %1 · 編號 %2 · %3</translation>
    </message>
</context>
<context>
    <name>QuickKeyPanel</name>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="147"/>
        <source>Quick keys (F1)</source>
        <translation>快捷鍵 (F1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="148"/>
        <source>Find a product by name (Ctrl+K)</source>
        <translation>以品名搜尋商品 (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="149"/>
        <source>No product matches.</source>
        <translation>找不到符合的商品。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/quick_keys.py" line="209"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="50"/>
        <source>Nothing was scanned</source>
        <translation>沒有掃到條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="51"/>
        <source>Disk full: nothing was saved</source>
        <translation>磁碟已滿：本筆未儲存</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="53"/>
        <source>Could not save: nothing was changed</source>
        <translation>無法儲存：未做任何變更</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="54"/>
        <source>Something went wrong - the sale is kept</source>
        <translation>發生錯誤－本筆交易仍保留</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="55"/>
        <source>Code is too long</source>
        <translation>條碼過長</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="56"/>
        <source>Not a code of this program</source>
        <translation>不是本會員方案的條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="57"/>
        <source>Check digit wrong - scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="58"/>
        <source>Unknown code</source>
        <translation>查無此條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="59"/>
        <source>Forged or altered code</source>
        <translation>條碼遭竄改或偽造</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="60"/>
        <source>Signed with an unknown key</source>
        <translation>簽章金鑰未知</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="61"/>
        <source>Card or coupon blocked</source>
        <translation>卡片或票券已停用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="62"/>
        <source>Wrong kind of code</source>
        <translation>條碼種類不符</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="63"/>
        <source>Scanner keyboard layout wrong - set the scanner (or this PC&apos;s input language) to US English</source>
        <translation>掃描器鍵盤配置錯誤：請將掃描器（或本機輸入語言）設為美式英文</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="65"/>
        <source>Expired</source>
        <translation>已過期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="66"/>
        <source>Not valid yet</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Already used up</source>
        <translation>已使用完畢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="69"/>
        <source>Not valid at this store</source>
        <translation>本門市不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Not valid for this brand</source>
        <translation>本品牌不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Belongs to another member</source>
        <translation>屬於其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Scan the member card first</source>
        <translation>請先掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Only in the birthday month</source>
        <translation>限生日當月使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Usage limit reached</source>
        <translation>已達使用次數上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation>本機尚無資料，需要同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Minimum spend not met</source>
        <translation>未達最低消費</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>No eligible item in the basket</source>
        <translation>購物車中沒有適用商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Cannot be combined</source>
        <translation>不可合併使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Already in this checkout</source>
        <translation>本筆交易已加入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Too many uses</source>
        <translation>使用次數過多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="81"/>
        <source>Nothing left to discount</source>
        <translation>已無可折抵金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Not enough points</source>
        <translation>點數不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Points must be a multiple of the step</source>
        <translation>點數須為折抵單位的倍數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Points exceed the bill</source>
        <translation>點數折抵超過上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Unknown point type</source>
        <translation>未知的點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Check the basket</source>
        <translation>請檢查購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Unknown product</source>
        <translation>查無此商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="88"/>
        <source>Total changed - check and settle again</source>
        <translation>金額已變動，請確認後再結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <source>Checkout already settled differently</source>
        <translation>此交易已以不同內容結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Not found</source>
        <translation>查無資料</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="91"/>
        <source>Already voided</source>
        <translation>已作廢過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="92"/>
        <source>Too late to void</source>
        <translation>已超過可作廢時限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="93"/>
        <source>Not authorized</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="94"/>
        <source>Beyond the offline allowance - manager approval needed</source>
        <translation>超出離線額度－須店長核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="95"/>
        <source>Wrong staff id or PIN</source>
        <translation>員工編號或密碼錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="96"/>
        <source>Staff id locked after wrong PINs - wait, or ask a manager to unlock</source>
        <translation>密碼錯誤次數過多，此員工編號已鎖定：請稍候，或請店長解鎖</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="97"/>
        <source>Credential vault locked - PINs and card numbers cannot be checked</source>
        <translation>憑證保管庫已鎖定：無法核對密碼與卡號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="98"/>
        <source>Sales not yet synced</source>
        <translation>交易尚未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="99"/>
        <source>Day already closed</source>
        <translation>今日已日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="100"/>
        <source>Check the input</source>
        <translation>請檢查輸入內容</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="101"/>
        <source>Promo code fully used - campaign cap reached</source>
        <translation>優惠碼已達使用上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="102"/>
        <source>Promo code budget spent</source>
        <translation>優惠碼活動預算已用完</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="103"/>
        <source>Campaign budget spent - all its promo codes</source>
        <translation>活動預算已用完（所有優惠碼合計）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="104"/>
        <source>Not for this member tier</source>
        <translation>不適用此會員等級</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="105"/>
        <source>Voucher from an unknown till - sync and scan again</source>
        <translation>未知收銀機簽發的兌換券－請同步後再掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="106"/>
        <source>Voucher from a till without a signing key</source>
        <translation>簽發的收銀機沒有簽章金鑰</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="107"/>
        <source>Voucher from a blocked till - do not accept</source>
        <translation>簽發的收銀機已停用－請勿收受</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="108"/>
        <source>Voucher from another brand&apos;s till</source>
        <translation>其他品牌收銀機簽發的兌換券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="109"/>
        <source>Voucher no till can issue - do not accept</source>
        <translation>收銀機無法簽發此兌換券 - 請勿收下</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="110"/>
        <source>Too many vouchers from that till not synced yet</source>
        <translation>該收銀機尚未同步的兌換券過多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="112"/>
        <source>Visit gift not running now</source>
        <translation>來店禮不在活動期間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="113"/>
        <source>Visit gift already claimed</source>
        <translation>來店禮已領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="114"/>
        <source>Spend not yet enough for the visit gift</source>
        <translation>消費金額未達來店禮門檻</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="115"/>
        <source>First purchase only - member has bought before</source>
        <translation>限首購使用，此會員已有消費紀錄</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="116"/>
        <source>Members cannot refer themselves</source>
        <translation>不可使用自己的推薦碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="117"/>
        <source>Referral codes are for new members only</source>
        <translation>推薦碼僅限新會員使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="118"/>
        <source>No referral campaign at this store</source>
        <translation>本店目前無推薦活動</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="119"/>
        <source>Not enough stored value on the card</source>
        <translation>儲值餘額不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="120"/>
        <source>Card is in another currency</source>
        <translation>卡片幣別不符</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="121"/>
        <source>Check the amount</source>
        <translation>請確認金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="122"/>
        <source>Payments exceed the total</source>
        <translation>付款金額超過應付總額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="123"/>
        <source>Too late to return</source>
        <translation>已超過退貨期限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="124"/>
        <source>More than was sold or already returned</source>
        <translation>退貨數量超過售出或已退數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="125"/>
        <source>Exchange offer not available here or now</source>
        <translation>此兌換商品目前無法兌換</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="126"/>
        <source>Campaign not running now</source>
        <translation>活動目前未進行</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="127"/>
        <source>Campaign fully claimed</source>
        <translation>活動點數已全數發放完畢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="128"/>
        <source>Already claimed today</source>
        <translation>今日已領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="129"/>
        <source>Claim limit for this campaign reached</source>
        <translation>已達本活動領取次數上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="130"/>
        <source>Given to another member - code no longer valid for this member</source>
        <translation>此券已轉贈給其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="131"/>
        <source>This voucher cannot be given away</source>
        <translation>此券不可轉贈</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="132"/>
        <source>A phone number - press F7 to find the member</source>
        <translation>這是手機號碼 - 按 F7 查詢會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="133"/>
        <source>Not a valid mobile number (09 and 8 digits)</source>
        <translation>手機號碼格式不正確（09 開頭共 10 碼）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="134"/>
        <source>Check the name (at least 2 characters to search)</source>
        <translation>請檢查姓名（查詢至少 2 個字）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="135"/>
        <source>Birth month is 1 to 12</source>
        <translation>生日月份為 1 至 12 月</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="136"/>
        <source>The member&apos;s consent is needed</source>
        <translation>需要會員同意條款及隱私權聲明</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="137"/>
        <source>This phone number is already a member&apos;s</source>
        <translation>此手機號碼已是會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="138"/>
        <source>Needs the network - not possible offline</source>
        <translation>需要網路連線 - 離線時無法使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="139"/>
        <source>Too many member searches from this till - wait a moment</source>
        <translation>本機查詢會員次數過多 - 請稍候再試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="142"/>
        <location filename="../../terminal/ui/i18n.py" line="143"/>
        <source>Refused</source>
        <translation>不接受</translation>
    </message>
</context>
<context>
    <name>ReportClose</name>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="28"/>
        <source>Sales settled</source>
        <translation>已結帳交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="29"/>
        <source>Sales voided</source>
        <translation>已作廢交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="30"/>
        <source>Settlements (voids excluded)</source>
        <translation>結帳筆數（不含作廢）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="31"/>
        <source>Returns</source>
        <translation>退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="38"/>
        <source>Close of day</source>
        <translation>關帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="42"/>
        <source>This day is not closed.</source>
        <translation>本日尚未關帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="44"/>
        <source>Not yet synced now: %1</source>
        <translation>目前尚未同步：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="45"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="45"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="48"/>
        <source>all events synced</source>
        <translation>所有交易皆已同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="49"/>
        <source>Closed at</source>
        <translation>關帳時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="49"/>
        <source>Closed by</source>
        <translation>關帳人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="50"/>
        <source>Manager override</source>
        <translation>店長強制核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="51"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="52"/>
        <source>Not yet synced at the close</source>
        <translation>關帳時尚未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_close.py" line="55"/>
        <source>Sales after the close: %1, total %2 (included above)</source>
        <translation>關帳後交易：%1 筆，合計 %2（已含於上方）</translation>
    </message>
</context>
<context>
    <name>SalesDialog</name>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="61"/>
        <source>Sales of the day</source>
        <translation>當日交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="80"/>
        <source>Checkout no., product or member</source>
        <translation>交易編號、商品或會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="87"/>
        <source>min $</source>
        <translation>最低 $</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="87"/>
        <source>max $</source>
        <translation>最高 $</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="92"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="95"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="98"/>
        <source>From</source>
        <translation>從</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="100"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Checkout</source>
        <translation>交易編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Items</source>
        <translation>件數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="120"/>
        <source>Collected</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="121"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="126"/>
        <source>◀ Newer</source>
        <translation>◀ 較新</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="126"/>
        <source>Older ▶</source>
        <translation>較舊 ▶</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="140"/>
        <source>Choose a sale in the list.</source>
        <translation>請在清單中選擇一筆交易。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="146"/>
        <source>Left</source>
        <translation>可退</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="147"/>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="147"/>
        <source>Return qty</source>
        <translation>退貨數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="162"/>
        <source>Reprint slip</source>
        <translation>重印收據</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="163"/>
        <source>Return items...</source>
        <translation>退貨...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="164"/>
        <source>Void...</source>
        <translation>作廢...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Settled</source>
        <translation>已結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="178"/>
        <source>Partly returned</source>
        <translation>部分退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="179"/>
        <source>Fully returned</source>
        <translation>全部退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="182"/>
        <source>Stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="183"/>
        <source>Gift card</source>
        <translation>禮物卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="219"/>
        <source>%1–%2 of %3</source>
        <translation>第 %1–%2 筆,共 %3 筆</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="246"/>
        <source>Checkout %1 · %2 · cashier %3 · %4</source>
        <translation>交易 %1 · %2 · 收銀員 %3 · %4</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="248"/>
        <source> · member %1</source>
        <translation> · 會員 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="271"/>
        <source>Subtotal %1 · discounts %2 · collected %3</source>
        <translation>小計 %1 · 折抵 %2 · 實收 %3</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="274"/>
        <source>Paid: %1</source>
        <translation>付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="277"/>
        <source>Coupons: %1</source>
        <translation>優惠券:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="280"/>
        <source>Points earned: %1 · spent: %2</source>
        <translation>獲得點數:%1 · 使用點數:%2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="283"/>
        <source>Returned %1 by %2 (%3): %4, refund %5</source>
        <translation>%1 由 %2 退貨(%3):%4,退款 %5</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="287"/>
        <source>Voided %1 by %2: %3</source>
        <translation>%1 由 %2 作廢:%3</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="312"/>
        <source>No slip printer is set up on this counter.</source>
        <translation>此櫃檯未設定收據印表機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="325"/>
        <source>Copy of %1 printed.</source>
        <translation>已重印 %1 的收據。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="343"/>
        <source>Line %1 (%2): &quot;%3&quot; is not a whole number.</source>
        <translation>第 %1 行(%2):「%3」不是整數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="346"/>
        <source>Line %1 (%2): a quantity cannot be negative.</source>
        <translation>第 %1 行(%2):數量不可為負數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="349"/>
        <source>Line %1 (%2): %3 asked back, only %4 left to return (%5 sold, %6 returned).</source>
        <translation>第 %1 行(%2):要退 %3 件,但只剩 %4 件可退(售出 %5 件,已退 %6 件)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="355"/>
        <source>Enter a quantity of 1 or more in the &quot;Return qty&quot; column of at least one line.</source>
        <translation>請至少在一行的「退貨數量」欄輸入 1 以上的數量。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="375"/>
        <source>Refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="379"/>
        <source>Coupon discount taken back: %1</source>
        <translation>收回優惠券折抵:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="381"/>
        <source>Points taken back: %1</source>
        <translation>收回點數:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="383"/>
        <source>Points given back: %1</source>
        <translation>退還點數:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="389"/>
        <source>Return items of %1</source>
        <translation>交易 %1 退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="390"/>
        <source>A manager must approve a return.</source>
        <translation>退貨須經店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="401"/>
        <source>Returned. </source>
        <translation>已退貨。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="411"/>
        <source>Void checkout %1</source>
        <translation>作廢交易 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="412"/>
        <source>The whole sale is reversed: %1 back, its points and coupons restored. A manager must approve a void.</source>
        <translation>整筆交易將沖銷:退回 %1,點數與優惠券恢復。作廢須經店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="418"/>
        <source>Checkout %1 voided.</source>
        <translation>交易 %1 已作廢。</translation>
    </message>
</context>
<context>
    <name>ScanGate</name>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="62"/>
        <source>Too many scans are waiting: check that the scanner is not stuck.</source>
        <translation>等待中的掃描太多：請檢查掃描器是否卡住。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="84"/>
        <source>The sale was not settled, so scans made while it was saving were not added to it.</source>
        <translation>這筆交易未結帳成功，儲存期間的掃描沒有加入這筆交易。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="103"/>
        <source>Scans waiting: %1</source>
        <translation>等待中的掃描：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="104"/>
        <source>Applied when the dialog is closed or the sale is saved.</source>
        <translation>對話框關閉或交易儲存完成後即會套用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_gate.py" line="113"/>
        <source>Not applied, scan again: %1</source>
        <translation>未套用，請重新掃描：%1</translation>
    </message>
</context>
<context>
    <name>ScanRow</name>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="45"/>
        <source>Scan or type a code + Enter</source>
        <translation>掃描或輸入條碼後按 Enter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="46"/>
        <source>Enter</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="47"/>
        <source>Camera (F5)</source>
        <translation>相機 (F5)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../terminal/ui/application.py" line="209"/>
        <source>The counter cannot start</source>
        <translation>收銀程式無法啟動</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/application.py" line="210"/>
        <source>This PC&apos;s replica file is damaged or cannot be read. Nothing was written to it. No sales can be made on this PC until IT has restored it: please call IT and show them the details.</source>
        <translation>本機的資料檔已損壞或無法讀取，未寫入任何資料。在 IT 修復之前，本機無法結帳：請聯絡 IT，並出示詳細資訊。</translation>
    </message>
</context>
<context>
    <name>SyncNow</name>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="30"/>
        <source>Synced: pushed %1, pulled %2</source>
        <translation>已同步：送出 %1 筆，取回 %2 筆</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="32"/>
        <source>%1 still waiting</source>
        <translation>尚有 %1 筆待送出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="34"/>
        <source>%1 conflict(s) for the manager</source>
        <translation>%1 筆衝突待店長處理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="43"/>
        <source>Not synced: the credential vault is locked. Sign in to Windows again (or unlock the keyring); sales stay on this PC.</source>
        <translation>未同步：憑證保管庫已鎖定。請重新登入 Windows（或解鎖金鑰圈）；交易暫存於本機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="47"/>
        <source>Not synced: the server cannot be reached (%1). Sales stay on this PC and go when it answers.</source>
        <translation>未同步：無法連上伺服器（%1）。交易暫存於本機，待伺服器回應後送出。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="49"/>
        <source>Not synced: the server refused this terminal&apos;s credential. Call IT to enrol it again.</source>
        <translation>未同步：伺服器拒絕本收銀機的憑證。請聯絡資訊人員重新註冊。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="51"/>
        <source>No answer from the server within %1 s; syncing goes on in the background.</source>
        <translation>伺服器 %1 秒內未回應；同步將在背景繼續進行。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="53"/>
        <source>Not synced: %1</source>
        <translation>未同步：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="53"/>
        <source>unknown error</source>
        <translation>未知錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="75"/>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="75"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="76"/>
        <source>Send the sales waiting on this PC and fetch the server&apos;s changes now</source>
        <translation>立即送出本機待送交易並取回伺服器的更新</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sync_now.py" line="82"/>
        <source>Not synced: this terminal is not connected to a server (not enrolled).</source>
        <translation>未同步：本收銀機未連接伺服器（尚未註冊）。</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="139"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="140"/>
        <source>Amount to pay with stored value or the gift card (empty: as much as it can)</source>
        <translation>以儲值金或禮物卡支付的金額(空白:能付多少付多少)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="141"/>
        <source>Stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="142"/>
        <source>Pay with the member&apos;s stored value</source>
        <translation>以會員儲值金付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="143"/>
        <source>Gift card no.</source>
        <translation>禮物卡號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Type the gift card&apos;s number, or scan the card</source>
        <translation>輸入禮物卡號,或掃描卡片</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="145"/>
        <source>Gift card</source>
        <translation>禮物卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="146"/>
        <source>Pay with the gift card whose number is typed</source>
        <translation>以輸入卡號的禮物卡付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="147"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="148"/>
        <source>Remove one of this sale&apos;s payments</source>
        <translation>移除本筆交易的一項付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="191"/>
        <source>Paid ✓</source>
        <translation>已付款 ✓</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="196"/>
        <source>Due %1</source>
        <translation>應付 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="198"/>
        <source>%1 to pay: %2</source>
        <translation>%1 應付:%2</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="41"/>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="42"/>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="43"/>
        <source>LINE Pay</source>
        <translation>LINE Pay</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="44"/>
        <source>JKO Pay</source>
        <translation>街口支付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="45"/>
        <source>Apple Pay</source>
        <translation>Apple Pay</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="46"/>
        <source>EasyCard</source>
        <translation>悠遊卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="47"/>
        <source>Mobile pay</source>
        <translation>行動支付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="48"/>
        <source>Stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="49"/>
        <source>Gift card</source>
        <translation>禮物卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="235"/>
        <location filename="../../terminal/ui/tender_panel.py" line="249"/>
        <source>left %1</source>
        <translation>餘額 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="238"/>
        <source>%1 to pay</source>
        <translation>%1 應付</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="45"/>
        <source>Loyalty redemption</source>
        <translation>會員點數核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="48"/>
        <source>Loyalty Terminal</source>
        <translation>會員核銷終端</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="52"/>
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="54"/>
        <source>Not signed in</source>
        <translation>未登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="57"/>
        <source>Online</source>
        <translation>連線中</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="57"/>
        <source>Offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="68"/>
        <source>Pending sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="70"/>
        <source>oldest %1</source>
        <translation>最久 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="77"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="80"/>
        <source>%1 conflict(s) for the manager</source>
        <translation>%1 筆衝突待店長處理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="87"/>
        <source>Credential vault locked · sync retrying</source>
        <translation>憑證保管庫已鎖定 · 同步將自動重試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="88"/>
        <source>Credential vault unavailable · sync retrying</source>
        <translation>無法使用憑證保管庫 · 同步將自動重試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="89"/>
        <source>Credential missing from the vault · call IT</source>
        <translation>保管庫中找不到裝置憑證 · 請聯絡資訊人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="97"/>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="99"/>
        <source>%1 h</source>
        <translation>%1 小時</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="100"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="43"/>
        <source>×%1, %2 left</source>
        <translation>×%1，剩 %2 次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="48"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation>請掃描會員卡、優惠券或商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="74"/>
        <source>Nothing was lost: try again. If it happens again, call IT (the log has the details).</source>
        <translation>資料沒有遺失：請再試一次。若再次發生，請聯絡資訊人員（詳情記在日誌中）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="78"/>
        <source>Member: %1</source>
        <translation>會員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="79"/>
        <source>Coupon accepted: %1</source>
        <translation>優惠券可用：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="80"/>
        <source>Added: %1</source>
        <translation>已加入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="81"/>
        <source>Amount added</source>
        <translation>已加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="82"/>
        <source>Points applied</source>
        <translation>已折抵點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="83"/>
        <source>Settled</source>
        <translation>結帳完成</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="84"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="85"/>
        <source>Override approved</source>
        <translation>主管已核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="86"/>
        <source>Signed in: %1</source>
        <translation>已登入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="87"/>
        <source>Signed out</source>
        <translation>已登出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="88"/>
        <source>Slip printed.</source>
        <translation>已列印明細。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="89"/>
        <source>Same code read twice: counted once</source>
        <translation>同一條碼讀到兩次：只算一次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="90"/>
        <source>Payment added: %1</source>
        <translation>已加入付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="91"/>
        <source>Payment removed: %1</source>
        <translation>已移除付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="92"/>
        <source>The rest is paid by %1</source>
        <translation>其餘以%1付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="95"/>
        <source>Coupon added: %1</source>
        <translation>已加入優惠券：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="110"/>
        <source>Balance after: %1</source>
        <translation>付款後餘額:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="112"/>
        <source>%1 was read again within %2 s and not added twice. Scan it again after a moment to add it once more.</source>
        <translation>%1 在 %2 秒內被重複讀取，未重複加入。若要再加一次，請稍候再掃描一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="116"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation>下一次掃描即開始新交易 (F9)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="117"/>
        <source>Checkout %1: %2</source>
        <translation>交易 %1：%2</translation>
    </message>
</context>
</TS>
