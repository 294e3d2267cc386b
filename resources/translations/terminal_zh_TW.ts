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
        <location filename="../../terminal/ui/basket_panel.py" line="84"/>
        <source>Basket</source>
        <translation>購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Item</source>
        <translation>品項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="85"/>
        <source>Pay</source>
        <translation>應付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
        <source>Amount (F2)</source>
        <translation>金額 (F2)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="86"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="87"/>
        <source>Add amount</source>
        <translation>加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="88"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/basket_panel.py" line="89"/>
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
    <message>
        <location filename="../../terminal/ui/campaign_pdf.py" line="79"/>
        <source>Campaign report %1 %2..%3</source>
        <translation>活動報表 %1 %2..%3</translation>
    </message>
</context>
<context>
    <name>CheckoutPanel</name>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="61"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="121"/>
        <source>Checkout</source>
        <translation>結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="78"/>
        <source>×%1 (%2)</source>
        <translation>×%1（%2）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <source>Receipt</source>
        <translation>交易明細</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="85"/>
        <source>Receipt (VOIDED)</source>
        <translation>交易明細（已作廢）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="86"/>
        <source>Settled ✓  paid</source>
        <translation>結帳完成 ✓ 實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>Checkout no.</source>
        <translation>交易編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="95"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="132"/>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="99"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="101"/>
        <source>Points</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="104"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="162"/>
        <source>Points earned: %1</source>
        <translation>獲得%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="106"/>
        <location filename="../../terminal/ui/checkout_panel.py" line="164"/>
        <source>Points spent: %1</source>
        <translation>使用%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="109"/>
        <source>Balance now: %1</source>
        <translation>%1餘額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="179"/>
        <source>birthday month</source>
        <translation>生日月</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="180"/>
        <source>day of the week</source>
        <translation>指定星期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="181"/>
        <source>day of the month</source>
        <translation>每月指定日</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="86"/>
        <source>VOIDED · was</source>
        <translation>已作廢 · 原收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="89"/>
        <source>VOIDED</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="114"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation>下一次掃描即開始新交易 (F9)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="122"/>
        <source>To pay</source>
        <translation>應付金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="128"/>
        <source>Scan products or enter an amount.</source>
        <translation>請掃描商品或輸入金額。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="141"/>
        <source>Points for points-plus-cash items: %1</source>
        <translation>點數加價購商品：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="143"/>
        <source>%1 %2 used</source>
        <translation>使用 %1 %2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/checkout_panel.py" line="149"/>
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
        <location filename="../../terminal/ui/coupon_panel.py" line="49"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Verdict</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="50"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="51"/>
        <source>Remove coupon</source>
        <translation>移除優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="52"/>
        <source>−1 use</source>
        <translation>−1 次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="53"/>
        <source>One use less of the selected (else the last) coupon (Ctrl+-)</source>
        <translation>所選（未選則最後一張）優惠券少用一次 (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="70"/>
        <source>Accepted</source>
        <translation>可使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/coupon_panel.py" line="74"/>
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
    <name>DeskTexts</name>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="25"/>
        <source>Day closed</source>
        <translation>已日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="26"/>
        <source>Manager override</source>
        <translation>店長強制核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="27"/>
        <source>Sale voided</source>
        <translation>交易已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="28"/>
        <source>Items returned</source>
        <translation>商品退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="29"/>
        <source>Price changed</source>
        <translation>改價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="30"/>
        <source>Approved beyond the offline allowance</source>
        <translation>超出離線額度已核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="31"/>
        <source>Staff ID unlocked</source>
        <translation>員工編號已解鎖</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="32"/>
        <source>Top-up voided</source>
        <translation>儲值已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="33"/>
        <source>Voucher given to another member</source>
        <translation>票券已轉贈其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="34"/>
        <source>Receipt reprinted</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="35"/>
        <source>Conflict: loss absorbed</source>
        <translation>衝突：損失由公司吸收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="36"/>
        <source>Conflict: charged to the member</source>
        <translation>衝突：向會員收取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="37"/>
        <source>Conflict: card blocked</source>
        <translation>衝突：已停用會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="38"/>
        <source>Other action (%1)</source>
        <translation>其他操作（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="44"/>
        <source>All sales synced</source>
        <translation>所有交易已同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="45"/>
        <source>PIN lockout cleared</source>
        <translation>已解除密碼鎖定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="46"/>
        <source>Gift</source>
        <translation>轉贈</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="47"/>
        <source>Day closed with sales not yet synced</source>
        <translation>有未同步交易時日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="54"/>
        <source>Product voucher</source>
        <translation>商品券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="55"/>
        <source>Amount off</source>
        <translation>折價券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="56"/>
        <source>Percent off</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="57"/>
        <source>Stored voucher</source>
        <translation>寄杯</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="58"/>
        <source>Bundle</source>
        <translation>組合券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="59"/>
        <source>Other kind (%1)</source>
        <translation>其他類型（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="65"/>
        <source>Coupon used twice</source>
        <translation>優惠券重複使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="66"/>
        <source>Stored voucher over-used</source>
        <translation>寄杯超額使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="67"/>
        <source>Points overdrawn</source>
        <translation>點數超額使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="68"/>
        <source>Redeemed after a void</source>
        <translation>作廢後仍被核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="69"/>
        <source>Coupon unknown to the server</source>
        <translation>伺服器查無此券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="70"/>
        <source>Points lot unknown to the server</source>
        <translation>伺服器查無此點數批次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="71"/>
        <source>Refused by the server</source>
        <translation>伺服器拒收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="72"/>
        <source>Not booked: the rules cannot produce it</source>
        <translation>未入帳：規則無法產生此結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="73"/>
        <source>Member blocked meanwhile</source>
        <translation>會員在此期間已被停用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="74"/>
        <source>Per-member limit exceeded chain-wide</source>
        <translation>全通路每位會員限用次數已超過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="75"/>
        <source>Promo code used beyond its cap</source>
        <translation>優惠碼使用超過上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="76"/>
        <source>Promo code beyond its budget</source>
        <translation>優惠碼超出預算</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="77"/>
        <source>Manager approved beyond the offline allowance</source>
        <translation>店長核准超出離線額度</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="78"/>
        <source>Stored value paid beyond the balance</source>
        <translation>儲值金支付超過餘額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="79"/>
        <source>Giveaway claimed beyond the campaign total</source>
        <translation>贈點領取超過活動總量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="80"/>
        <source>Giveaway claimed beyond the member&apos;s limit</source>
        <translation>贈點領取超過會員上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="81"/>
        <source>Used after it was given away</source>
        <translation>轉贈後仍被使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="82"/>
        <source>First-purchase coupon used twice</source>
        <translation>首購券使用兩次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="83"/>
        <source>Referral not rewarded</source>
        <translation>推薦未給獎勵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="84"/>
        <source>Visit gift claimed twice</source>
        <translation>來店禮領取兩次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="85"/>
        <source>Visit gift spend taken back</source>
        <translation>來店禮消費金額已扣回</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="86"/>
        <source>Campaign used beyond its cap</source>
        <translation>活動使用超過上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="87"/>
        <source>Campaign beyond its budget</source>
        <translation>活動超出預算</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="88"/>
        <source>Till voucher not issued by its sale</source>
        <translation>收銀機票券非由該筆交易發出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="89"/>
        <source>Other conflict (%1)</source>
        <translation>其他衝突（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="97"/>
        <source>The use received first counts; this one was not booked.</source>
        <translation>以先收到的使用為準；這筆未入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="98"/>
        <source>Booked as used beyond its uses.</source>
        <translation>已入帳為超額使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="99"/>
        <source>Points taken; the member now owes the difference.</source>
        <translation>已扣點；差額記為會員欠點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="100"/>
        <source>Honoured: this terminal could not know when it sold.</source>
        <translation>照常入帳：本機結帳時無從得知。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="102"/>
        <source>Flagged: this terminal knew of the void.</source>
        <translation>已標記：本機當時已知作廢。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="103"/>
        <source>The server created the coupon from its template.</source>
        <translation>伺服器已依券種建立此券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="104"/>
        <source>Points taken from a new lot below zero.</source>
        <translation>已從新建的負數點數批扣點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="105"/>
        <source>Points taken from the member&apos;s other lots.</source>
        <translation>已從會員其他點數批扣點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="106"/>
        <source>Not booked: the server refused it.</source>
        <translation>未入帳：伺服器拒絕。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="107"/>
        <source>Not booked.</source>
        <translation>未入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="108"/>
        <source>Booked up to the budget; the rest not booked.</source>
        <translation>預算內已入帳；超出部分未入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="109"/>
        <source>Booked up to the cap; the rest not booked.</source>
        <translation>上限內已入帳；超出部分未入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="110"/>
        <source>Not booked: beyond the cap.</source>
        <translation>未入帳：超過上限。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="111"/>
        <source>No reward given.</source>
        <translation>未給獎勵。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="112"/>
        <source>The member keeps the gift.</source>
        <translation>會員保留贈品。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="113"/>
        <source>Booked: a manager approved it.</source>
        <translation>已入帳：店長已核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="114"/>
        <source>Booked and counted for the whole chain.</source>
        <translation>已入帳，並計入全品牌。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="115"/>
        <source>Booked within the offline allowance.</source>
        <translation>已在離線額度內入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="116"/>
        <source>The void is booked.</source>
        <translation>作廢已入帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="117"/>
        <source>Decided by the server; head office has the details.</source>
        <translation>由伺服器決定；詳情請洽總部。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="121"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="123"/>
        <source>(amount %1)</source>
        <translation>（金額 %1）</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="73"/>
        <source>Enrol this terminal</source>
        <translation>註冊此收銀機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="75"/>
        <source>This PC is not enrolled yet. Enter the central server address and the one-time enrolment token from the server administrator. The device credential is kept in the system&apos;s credential vault.</source>
        <translation>此電腦尚未註冊。請輸入總部伺服器網址，以及伺服器管理員提供的一次性註冊碼。裝置憑證會保存在系統的憑證保管庫中。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="86"/>
        <source>Server URL</source>
        <translation>伺服器網址</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="86"/>
        <source>Enrolment token</source>
        <translation>註冊碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="77"/>
        <location filename="../../terminal/ui/enrol_dialog.py" line="87"/>
        <source>Terminal ID</source>
        <translation>收銀機編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="80"/>
        <source>e.g. XINYI-01 (the PC&apos;s asset tag)</source>
        <translation>例如 XINYI-01（電腦的資產編號）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="81"/>
        <source>Enrol</source>
        <translation>註冊</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="82"/>
        <source>Quit</source>
        <translation>離開</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="89"/>
        <source>Please fill in: %1</source>
        <translation>請填寫：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="92"/>
        <source>The server URL must start with https:// (or http:// on a test network).</source>
        <translation>伺服器網址必須以 https:// 開頭（測試網路可用 http://）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_dialog.py" line="95"/>
        <source>Enrolling and downloading this store&apos;s data…</source>
        <translation>正在註冊並下載本店資料…</translation>
    </message>
</context>
<context>
    <name>EnrolErrors</name>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="34"/>
        <source>This address sends the token unencrypted (http://) to another computer. Use the https:// address; IT can allow http:// for a test network only.</source>
        <translation>此網址會以未加密方式（http://）把權杖傳給其他電腦。請使用 https:// 網址；僅測試網路可由 IT 開放 http://。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="40"/>
        <source>The server address must start with https:// and name the server.</source>
        <translation>伺服器網址必須以 https:// 開頭並寫出伺服器名稱。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="42"/>
        <source>Enter a terminal ID, e.g. the PC&apos;s asset tag.</source>
        <translation>請輸入收銀機編號，例如電腦的資產編號。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="44"/>
        <source>This PC holds the sales of terminal %1: enrol it as %1 again, or ask IT for a fresh data file to enrol it as %2.</source>
        <translation>本機存有收銀機 %1 的交易：請以 %1 重新註冊，或請 IT 提供新的資料檔後再註冊為 %2。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="47"/>
        <source>The enrolment could not start. Check the three fields and try again.</source>
        <translation>無法開始註冊。請檢查三個欄位後再試一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="50"/>
        <source>The system&apos;s credential vault is locked. Unlock it (sign in to Windows again) and enrol again: the token is still valid.</source>
        <translation>系統憑證庫已鎖定。請解鎖（重新登入 Windows）後再註冊一次：權杖仍然有效。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="53"/>
        <source>The credential vault lost this PC&apos;s credential. Ask IT for a replacement token.</source>
        <translation>憑證庫中找不到本機的憑證。請向 IT 索取替換權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="55"/>
        <source>The system&apos;s credential vault cannot be used. Call IT; the token is still valid.</source>
        <translation>無法使用系統憑證庫。請聯絡 IT；權杖仍然有效。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="58"/>
        <source>The server cannot be reached. Check the network cable or Wi-Fi and the server address, then try again: the token is still valid.</source>
        <translation>無法連線到伺服器。請檢查網路線或無線網路及伺服器網址後再試一次：權杖仍然有效。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="64"/>
        <source>The token is not known to the server. Check it for typing errors, or ask for a new one.</source>
        <translation>伺服器不認得此權杖。請檢查是否打錯，或索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="66"/>
        <source>This token was already used. Ask the server administrator for a new one.</source>
        <translation>此權杖已使用過。請向伺服器管理員索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="68"/>
        <source>This token has expired. Ask the server administrator for a new one.</source>
        <translation>此權杖已過期。請向伺服器管理員索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="70"/>
        <source>This token was withdrawn. Ask the server administrator for a new one.</source>
        <translation>此權杖已被撤銷。請向伺服器管理員索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="72"/>
        <source>Another PC is enrolled with this terminal ID. Use another ID, or ask for a replacement token for this one.</source>
        <translation>已有其他電腦使用此收銀機編號註冊。請改用其他編號，或索取此編號的替換權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="75"/>
        <source>This token is for another store than this PC&apos;s data. Ask for a token of this store.</source>
        <translation>此權杖屬於其他門市，與本機資料不符。請索取本門市的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="77"/>
        <source>This token replaces another terminal. Enter that terminal&apos;s ID, or ask for a new token.</source>
        <translation>此權杖用於替換另一台收銀機。請輸入該收銀機的編號，或索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="79"/>
        <source>This PC was blocked on the server. Ask for a new token.</source>
        <translation>本機已在伺服器上被停用。請索取新的權杖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="82"/>
        <source>The server refused the enrolment. Ask the server administrator; the log has the details.</source>
        <translation>伺服器拒絕註冊。請洽伺服器管理員；詳情記錄在日誌中。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/enrol_errors.py" line="84"/>
        <source>The enrolment failed. Try again; if it fails again, call IT (the log has the details).</source>
        <translation>註冊失敗。請再試一次；若仍失敗，請聯絡 IT（詳情記錄在日誌中）。</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="30"/>
        <source>Look in:</source>
        <translation>查詢位置：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="31"/>
        <source>File name:</source>
        <translation>檔名：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="32"/>
        <source>Files of type:</source>
        <translation>檔案類型：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="33"/>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="34"/>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <location filename="../../terminal/ui/dialogs.py" line="67"/>
        <source>Locked until %1 (store time). A manager can unlock it now at the manager desk: Cancel, press F10, tab &quot;Locked staff&quot;.</source>
        <translation>鎖定至 %1（門市時間）。店長可立即於店長作業解鎖：按「取消」，再按 F10，選「鎖定的員工」分頁。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="287"/>
        <source>Keys (F1)</source>
        <translation>快捷鍵 (F1)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="288"/>
        <source>Esc scan · F1 quick keys · Ctrl+K find · F2 amount · F3 max points · F4 override · F5 camera · F8 void · F9 new · F10 manager · Ctrl+R sales · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English</source>
        <translation>Esc 掃描欄 · F1 快捷鍵 · Ctrl+K 搜尋商品 · F2 金額 · F3 最多點數 · F4 改價 · F5 相機 · F8 作廢 · F9 新交易 · F10 店長 · Ctrl+R 交易查詢 · F11 全螢幕 · F12 結帳 · Ctrl+L 登出 · Ctrl+Shift+L 中文/English</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="51"/>
        <source>Sign in first: the sales list needs a signed-in cashier.</source>
        <translation>請先登入:交易查詢需要收銀員登入。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_basket.py" line="42"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="63"/>
        <source>Beyond the offline allowance</source>
        <translation>超出離線額度</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="64"/>
        <source>This sale spends more points or stored-voucher uses than the server allows while offline. A manager must approve it.</source>
        <translation>這筆交易在離線時使用的點數或儲值券次數超過伺服器核給的額度，須由店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="425"/>
        <source>Slip printed.</source>
        <translation>已列印明細。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="80"/>
        <source>Void last checkout</source>
        <translation>作廢上一筆交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="80"/>
        <source>A manager must approve a void.</source>
        <translation>作廢需主管核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="92"/>
        <source>Price override</source>
        <translation>改價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="93"/>
        <source>New unit price for: %1</source>
        <translation>%1 的新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_approvals.py" line="94"/>
        <source>New price</source>
        <translation>新單價</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/counter_camera.py" line="19"/>
        <source>No camera configured.</source>
        <translation>未設定相機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="458"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/main_window.py" line="458"/>
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
        <location filename="../../terminal/ui/manager_desk.py" line="52"/>
        <source>Manager desk</source>
        <translation>店長作業</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="60"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="98"/>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <source>Settlements</source>
        <translation>交易筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="98"/>
        <source>Basket revenue</source>
        <translation>營業額（原價）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="99"/>
        <source>Coupon discounts</source>
        <translation>優惠券折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="99"/>
        <source>Points discounts</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <source>Discount share</source>
        <translation>折抵比例</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="156"/>
        <source>Collected</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="100"/>
        <location filename="../../terminal/ui/manager_desk.py" line="156"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Stored-voucher uses</source>
        <translation>寄杯核銷次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="101"/>
        <source>Not yet synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="116"/>
        <source>Collected per hour</source>
        <translation>每小時實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Redemptions</source>
        <translation>核銷筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="121"/>
        <source>Uses</source>
        <translation>次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="122"/>
        <source>Discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="122"/>
        <source>Voided uses</source>
        <translation>作廢次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Point type</source>
        <translation>點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Earned</source>
        <translation>獲得</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="123"/>
        <source>Earned reversed</source>
        <translation>獲得（沖回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="124"/>
        <source>Spent reversed</source>
        <translation>使用（退回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="125"/>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Discounts</source>
        <translation>折扣合計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>What</source>
        <translation>事項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="126"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="129"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="129"/>
        <source>Points</source>
        <translation>點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="130"/>
        <source>Voids and overrides</source>
        <translation>作廢與主管核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="130"/>
        <source>Cashiers</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="135"/>
        <location filename="../../terminal/ui/manager_desk.py" line="338"/>
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="136"/>
        <location filename="../../terminal/ui/manager_desk.py" line="348"/>
        <source>Export PDF</source>
        <translation>匯出 PDF</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="137"/>
        <source>Close the day</source>
        <translation>日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="150"/>
        <source>Report</source>
        <translation>報表</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Checkout</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="155"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="158"/>
        <source>Void selected</source>
        <translation>作廢所選交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="160"/>
        <source>Find a sale: reprint, return...</source>
        <translation>查詢交易:重印、退貨...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="168"/>
        <source>Sales of the day</source>
        <translation>當日交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>Received</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="183"/>
        <source>What the server decided</source>
        <translation>伺服器判定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>First (kept)</source>
        <translation>先到者（有效）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="184"/>
        <source>This store</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="190"/>
        <source>Absorb the loss</source>
        <translation>由公司吸收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="191"/>
        <source>Charge the member</source>
        <translation>向會員收取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="192"/>
        <source>Block the card</source>
        <translation>停用會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="194"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="195"/>
        <source>Record decision</source>
        <translation>記錄處理結果</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="201"/>
        <source>Conflicts</source>
        <translation>衝突</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="206"/>
        <source>A staff ID is locked after 5 wrong PINs in a row: for 30 seconds, doubling with every further wrong PIN up to 1 hour. A manager can unlock it here at once; the unlock is written to the audit log.</source>
        <translation>員工編號連續輸錯密碼 5 次即鎖定 30 秒，之後每再錯一次時間加倍，最長 1 小時。店長可在此立即解鎖；解鎖會記入稽核紀錄。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Staff ID</source>
        <translation>員工編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Wrong PINs</source>
        <translation>密碼錯誤次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="211"/>
        <source>Locked since</source>
        <translation>鎖定起始</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="212"/>
        <source>Locked until</source>
        <translation>鎖定至</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="218"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="220"/>
        <source>Unlock selected...</source>
        <translation>解鎖所選員工…</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="229"/>
        <location filename="../../terminal/ui/manager_desk.py" line="292"/>
        <source>Locked staff</source>
        <translation>鎖定的員工</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="249"/>
        <source>%1 settled, %2 voided</source>
        <translation>結帳 %1 筆，作廢 %2 筆</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="265"/>
        <source>void %1 (%2)</source>
        <translation>作廢 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="269"/>
        <source>voided: %1</source>
        <translation>已作廢：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="276"/>
        <source>Conflicts (%1)</source>
        <translation>衝突（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="291"/>
        <source>Locked staff (%1)</source>
        <translation>鎖定的員工（%1）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="305"/>
        <source>unlock %1 (%2 wrong PINs)</source>
        <translation>解鎖 %1（密碼錯誤 %2 次）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="341"/>
        <location filename="../../terminal/ui/manager_desk.py" line="351"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="358"/>
        <source>Void %1</source>
        <translation>作廢 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="358"/>
        <source>Reason for the void</source>
        <translation>作廢原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="363"/>
        <source>Voided %1</source>
        <translation>已作廢 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="377"/>
        <source>Close with unsynced sales?</source>
        <translation>仍有未同步交易，要日結嗎？</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="378"/>
        <source>%1 sale(s) are not confirmed by the server. Press Cancel and then &quot;Sync now&quot; to send them first, or give a reason to close anyway:</source>
        <translation>有 %1 筆交易尚未經伺服器確認。請按「取消」後再按「立即同步」先送出，或填寫理由仍要關帳：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="396"/>
        <source>Day %1 closed.</source>
        <translation>%1 已日結。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="397"/>
        <source>(closed by manager override)</source>
        <translation>（店長核准強制日結）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="398"/>
        <source>Summary saved to %1</source>
        <translation>日結報表已存至 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="412"/>
        <source>A reason is required.</source>
        <translation>請填寫原因。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="417"/>
        <source>Decision recorded; it is sent to the server.</source>
        <translation>已記錄處理結果，將傳送至伺服器。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="432"/>
        <source>Unlock %1</source>
        <translation>解鎖 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="433"/>
        <source>Unlock</source>
        <translation>解鎖</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="434"/>
        <source>%1 (%2): %3 wrong PINs, locked until %4. A manager&apos;s ID and PIN unlock it now; the unlock is written to the audit log.</source>
        <translation>%1（%2）：密碼錯誤 %3 次，鎖定至 %4。輸入主管編號與密碼即可立即解鎖；解鎖會記入稽核紀錄。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="448"/>
        <source>%1 unlocked (%2 wrong PINs cleared). They can sign in again now (Ctrl+L at the counter).</source>
        <translation>%1 已解鎖（清除 %2 次密碼錯誤）。現在可重新登入（在收銀畫面按 Ctrl+L）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/manager_desk.py" line="451"/>
        <source>%1 was no longer locked.</source>
        <translation>%1 已不在鎖定中。</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="100"/>
        <source>Manager ID</source>
        <translation>主管編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="101"/>
        <source>Manager PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="102"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="105"/>
        <source>Approve</source>
        <translation>核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="119"/>
        <source>A reason is required.</source>
        <translation>請填寫原因。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/dialogs.py" line="123"/>
        <source>Enter a value.</source>
        <translation>請輸入數值。</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="25"/>
        <source>Manager sign-in</source>
        <translation>店長登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="41"/>
        <source>Manager ID</source>
        <translation>主管編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_widgets.py" line="42"/>
        <source>Manager PIN</source>
        <translation>主管密碼</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="68"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="69"/>
        <source>Coupons and vouchers held (click to add):</source>
        <translation>持有的優惠券與寄杯（點選加入）：</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="71"/>
        <location filename="../../terminal/ui/member_panel.py" line="117"/>
        <source>Max</source>
        <translation>最多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="79"/>
        <source>No member card scanned</source>
        <translation>尚未掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="90"/>
        <source>%1 %2 expire %3</source>
        <translation>%1 %2 將於 %3 到期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="102"/>
        <source>Usable</source>
        <translation>可使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="139"/>
        <source>max %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/member_panel.py" line="140"/>
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
        <location filename="../../terminal/ui/offline_strip.py" line="55"/>
        <source>Credential vault locked: sales are kept on this PC</source>
        <translation>憑證保管庫已鎖定：交易暫存於本機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="57"/>
        <source>Offline since %1 (last sync)</source>
        <translation>自 %1 起離線（上次同步）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="59"/>
        <source>Offline: this terminal has not synced yet</source>
        <translation>離線：本收銀機尚未同步過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="62"/>
        <source>%1 sale(s) waiting</source>
        <translation>%1 筆交易待送出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="66"/>
        <source>No offline allowance from the server yet: plain sales and bearer coupons work; stored vouchers, points and stored value need a manager.</source>
        <translation>尚未取得伺服器的離線額度：一般交易與不記名優惠券可用；儲值券、點數與儲值金需店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="70"/>
        <source>The offline allowance ended at %1: every coupon use and points spend needs a manager until this terminal syncs.</source>
        <translation>離線額度已於 %1 到期：在本收銀機同步前，每次使用優惠券或點數都需店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="74"/>
        <source>points up to %1 per member</source>
        <translation>每位會員點數最多 %1 點</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="79"/>
        <source>(this member: %1 more offline)</source>
        <translation>（本會員離線還可用 %1 點）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="81"/>
        <source>Still works: coupons, stored vouchers up to %1 use(s) each, %2, stored value up to %3 per card, promo codes up to %4 use(s); unknown members earn only.</source>
        <translation>仍可使用：優惠券、每張儲值券最多 %1 次、%2、每張卡儲值金最多 %3、促銷代碼最多 %4 次；未知會員僅能累點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="86"/>
        <source>A manager is needed beyond these, and for everything from %1 (%2 h left).</source>
        <translation>超過以上額度需店長核准；自 %1 起全部需店長核准（尚餘 %2 小時）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="96"/>
        <source>Day %1 is closed (%2 by %3)</source>
        <translation>%1 已關帳（%2，%3）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/offline_strip.py" line="99"/>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="55"/>
        <source>Drive</source>
        <translation>磁碟機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="56"/>
        <source>Folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="57"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="58"/>
        <source>%1 File</source>
        <translation>%1 檔案</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="59"/>
        <source>Shortcut</source>
        <translation>捷徑</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/file_dialogs.py" line="60"/>
        <source>Alias</source>
        <translation>替身</translation>
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
        <location filename="../../terminal/ui/i18n.py" line="67"/>
        <source>Nothing was scanned</source>
        <translation>沒有掃到條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="68"/>
        <source>Disk full: nothing was saved</source>
        <translation>磁碟已滿：本筆未儲存</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="70"/>
        <source>Could not save: nothing was changed</source>
        <translation>無法儲存：未做任何變更</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="71"/>
        <source>Something went wrong - the sale is kept</source>
        <translation>發生錯誤－本筆交易仍保留</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="72"/>
        <source>Code is too long</source>
        <translation>條碼過長</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="73"/>
        <source>Not a code of this program</source>
        <translation>不是本會員方案的條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="74"/>
        <source>Check digit wrong - scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="75"/>
        <source>Unknown code</source>
        <translation>查無此條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="76"/>
        <source>Forged or altered code</source>
        <translation>條碼遭竄改或偽造</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="77"/>
        <source>Signed with an unknown key</source>
        <translation>簽章金鑰未知</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="78"/>
        <source>Card or coupon blocked</source>
        <translation>卡片或票券已停用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="79"/>
        <source>Wrong kind of code</source>
        <translation>條碼種類不符</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="80"/>
        <source>Scanner keyboard layout wrong - set the scanner (or this PC&apos;s input language) to US English</source>
        <translation>掃描器鍵盤配置錯誤：請將掃描器（或本機輸入語言）設為美式英文</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="82"/>
        <source>Expired</source>
        <translation>已過期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="83"/>
        <source>Not valid yet</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="84"/>
        <source>Already used up</source>
        <translation>已使用完畢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="85"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="86"/>
        <source>Not valid at this store</source>
        <translation>本門市不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="87"/>
        <source>Not valid for this brand</source>
        <translation>本品牌不適用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="88"/>
        <source>Belongs to another member</source>
        <translation>屬於其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="89"/>
        <source>Scan the member card first</source>
        <translation>請先掃描會員卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="90"/>
        <source>Only in the birthday month</source>
        <translation>限生日當月使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="91"/>
        <source>Usage limit reached</source>
        <translation>已達使用次數上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="92"/>
        <source>Not on this terminal yet - sync needed</source>
        <translation>本機尚無資料，需要同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="93"/>
        <source>Minimum spend not met</source>
        <translation>未達最低消費</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="94"/>
        <source>No eligible item in the basket</source>
        <translation>購物車中沒有適用商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="95"/>
        <source>Cannot be combined</source>
        <translation>不可合併使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="96"/>
        <source>Already in this checkout</source>
        <translation>本筆交易已加入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="97"/>
        <source>Too many uses</source>
        <translation>使用次數過多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="98"/>
        <source>Nothing left to discount</source>
        <translation>已無可折抵金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="99"/>
        <source>Not enough points</source>
        <translation>點數不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="100"/>
        <source>Points must be a multiple of the step</source>
        <translation>點數須為折抵單位的倍數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="101"/>
        <source>Points exceed the bill</source>
        <translation>點數折抵超過上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="102"/>
        <source>Unknown point type</source>
        <translation>未知的點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="103"/>
        <source>Check the basket</source>
        <translation>請檢查購物車</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="104"/>
        <source>Unknown product</source>
        <translation>查無此商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="105"/>
        <source>Total changed - check and settle again</source>
        <translation>金額已變動，請確認後再結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="106"/>
        <source>Checkout already settled differently</source>
        <translation>此交易已以不同內容結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="107"/>
        <source>Not found</source>
        <translation>查無資料</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="108"/>
        <source>Already voided</source>
        <translation>已作廢過</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="109"/>
        <source>Too late to void</source>
        <translation>已超過可作廢時限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="110"/>
        <source>Not authorized</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="111"/>
        <source>Beyond the offline allowance - manager approval needed</source>
        <translation>超出離線額度－須店長核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="112"/>
        <source>Wrong staff id or PIN</source>
        <translation>員工編號或密碼錯誤</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="113"/>
        <source>Staff id locked after wrong PINs - wait, or ask a manager to unlock</source>
        <translation>密碼錯誤次數過多，此員工編號已鎖定：請稍候，或請店長解鎖</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="114"/>
        <source>Credential vault locked - PINs and card numbers cannot be checked</source>
        <translation>憑證保管庫已鎖定：無法核對密碼與卡號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="115"/>
        <source>Sales not yet synced</source>
        <translation>交易尚未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="116"/>
        <source>Day already closed</source>
        <translation>今日已日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="117"/>
        <source>Check the input</source>
        <translation>請檢查輸入內容</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="118"/>
        <source>Promo code fully used - campaign cap reached</source>
        <translation>優惠碼已達使用上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="119"/>
        <source>Promo code budget spent</source>
        <translation>優惠碼活動預算已用完</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="120"/>
        <source>Campaign budget spent - all its promo codes</source>
        <translation>活動預算已用完（所有優惠碼合計）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="121"/>
        <source>Not for this member tier</source>
        <translation>不適用此會員等級</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="122"/>
        <source>Voucher from an unknown till - sync and scan again</source>
        <translation>未知收銀機簽發的兌換券－請同步後再掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="123"/>
        <source>Voucher from a till without a signing key</source>
        <translation>簽發的收銀機沒有簽章金鑰</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="124"/>
        <source>Voucher from a blocked till - do not accept</source>
        <translation>簽發的收銀機已停用－請勿收受</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="125"/>
        <source>Voucher from another brand&apos;s till</source>
        <translation>其他品牌收銀機簽發的兌換券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="126"/>
        <source>Voucher no till can issue - do not accept</source>
        <translation>收銀機無法簽發此兌換券 - 請勿收下</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="127"/>
        <source>Too many vouchers from that till not synced yet</source>
        <translation>該收銀機尚未同步的兌換券過多</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="129"/>
        <source>Visit gift not running now</source>
        <translation>來店禮不在活動期間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="130"/>
        <source>Visit gift already claimed</source>
        <translation>來店禮已領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="131"/>
        <source>Spend not yet enough for the visit gift</source>
        <translation>消費金額未達來店禮門檻</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="132"/>
        <source>First purchase only - member has bought before</source>
        <translation>限首購使用，此會員已有消費紀錄</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="133"/>
        <source>Members cannot refer themselves</source>
        <translation>不可使用自己的推薦碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="134"/>
        <source>Referral codes are for new members only</source>
        <translation>推薦碼僅限新會員使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="135"/>
        <source>No referral campaign at this store</source>
        <translation>本店目前無推薦活動</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="136"/>
        <source>Not enough stored value on the card</source>
        <translation>儲值餘額不足</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="137"/>
        <source>Card is in another currency</source>
        <translation>卡片幣別不符</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="138"/>
        <source>Check the amount</source>
        <translation>請確認金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="139"/>
        <source>Payments exceed the total</source>
        <translation>付款金額超過應付總額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="140"/>
        <source>Too late to return</source>
        <translation>已超過退貨期限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="141"/>
        <source>More than was sold or already returned</source>
        <translation>退貨數量超過售出或已退數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="142"/>
        <source>Exchange offer not available here or now</source>
        <translation>此兌換商品目前無法兌換</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="143"/>
        <source>Campaign not running now</source>
        <translation>活動目前未進行</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="144"/>
        <source>Campaign fully claimed</source>
        <translation>活動點數已全數發放完畢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="145"/>
        <source>Already claimed today</source>
        <translation>今日已領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="146"/>
        <source>Claim limit for this campaign reached</source>
        <translation>已達本活動領取次數上限</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="147"/>
        <source>Given to another member - code no longer valid for this member</source>
        <translation>此券已轉贈給其他會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="148"/>
        <source>This voucher cannot be given away</source>
        <translation>此券不可轉贈</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="149"/>
        <source>A phone number - press F7 to find the member</source>
        <translation>這是手機號碼 - 按 F7 查詢會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="150"/>
        <source>Not a valid mobile number (09 and 8 digits)</source>
        <translation>手機號碼格式不正確（09 開頭共 10 碼）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="151"/>
        <source>Check the name (at least 2 characters to search)</source>
        <translation>請檢查姓名（查詢至少 2 個字）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="152"/>
        <source>Birth month is 1 to 12</source>
        <translation>生日月份為 1 至 12 月</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="153"/>
        <source>The member&apos;s consent is needed</source>
        <translation>需要會員同意條款及隱私權聲明</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="154"/>
        <source>This phone number is already a member&apos;s</source>
        <translation>此手機號碼已是會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="155"/>
        <source>Needs the network - not possible offline</source>
        <translation>需要網路連線 - 離線時無法使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="156"/>
        <source>Too many member searches from this till - wait a moment</source>
        <translation>本機查詢會員次數過多 - 請稍候再試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/i18n.py" line="159"/>
        <location filename="../../terminal/ui/i18n.py" line="160"/>
        <source>Refused</source>
        <translation>不接受</translation>
    </message>
</context>
<context>
    <name>ReasonDetail</name>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="37"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="50"/>
        <source>Scan again, or type the code and press Enter.</source>
        <translation>請再掃描一次，或輸入條碼後按 Enter。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="51"/>
        <source>Scan the code again; if it still fails, type the number printed under it.</source>
        <translation>請再掃描一次；若仍失敗，請輸入條碼下方的號碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="52"/>
        <source>This is not a member card, coupon or product of this store. Scan the right code or type its number.</source>
        <translation>這不是本店的會員卡、優惠券或商品。請掃描正確的條碼或輸入號碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="54"/>
        <source>A digit was misread or mistyped. Scan again or check the number.</source>
        <translation>有數字讀錯或打錯。請再掃描一次或檢查號碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="56"/>
        <source>This terminal does not know the code. Check the number; if it is new, sync and scan again.</source>
        <translation>本機不認得此條碼。請檢查號碼；若是新發的，請同步後再掃描。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="58"/>
        <source>The code&apos;s signature does not match: it was altered or copied. Do not accept it.</source>
        <translation>條碼簽章不符：已被竄改或複製。請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="60"/>
        <source>Signed with a key this terminal does not know. Sync and scan again; if it persists, do not accept it.</source>
        <translation>以本機不認得的金鑰簽署。請同步後再掃描；若仍如此，請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="62"/>
        <source>The issuer blocked this card or coupon. Do not accept it; the member can call customer service.</source>
        <translation>發行者已停用此卡或此券。請勿受理；會員可洽客服。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="64"/>
        <source>This code cannot be used here. A gift card pays for the sale; a member card is scanned as the member.</source>
        <translation>此條碼不能在這裡使用。禮物卡用於付款；會員卡請以會員身分掃描。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="66"/>
        <source>The scanner types with another keyboard layout. Set the scanner or this PC&apos;s input language to US English.</source>
        <translation>掃描器使用了其他鍵盤配置。請將掃描器或本機輸入法設為美式英文。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="68"/>
        <source>Its validity has ended. Ask the member for another coupon.</source>
        <translation>已超過有效期限。請會員改用其他優惠券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="69"/>
        <source>Its validity has not started. Keep it for later.</source>
        <translation>尚未到使用期間。請會員留待之後使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="70"/>
        <source>Every use of this coupon is taken. Ask the member for another coupon.</source>
        <translation>此券次數已全部用完。請會員改用其他優惠券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="71"/>
        <source>The issuer voided this coupon. Do not accept it.</source>
        <translation>發行者已作廢此券。請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="72"/>
        <source>This coupon is for other stores only.</source>
        <translation>此券僅限其他門市使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="73"/>
        <source>This coupon is for another brand&apos;s stores.</source>
        <translation>此券僅限其他品牌門市使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="74"/>
        <source>It belongs to another member. Scan the card of the member who holds it.</source>
        <translation>此券屬於其他會員。請掃描持有此券會員的會員卡。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="76"/>
        <source>Scan the member card, then scan this again.</source>
        <translation>請先掃描會員卡，再掃描一次此條碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="77"/>
        <source>Valid only in the member&apos;s birthday month: the member can keep it for then.</source>
        <translation>僅限會員生日當月使用：請會員留待生日月使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="79"/>
        <source>The member has used this offer as often as allowed.</source>
        <translation>會員使用此優惠已達次數上限。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="80"/>
        <source>This coupon is genuine but this terminal has not received it yet. Sync, then scan again.</source>
        <translation>此券為真，但本機尚未收到資料。請同步後再掃描。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="82"/>
        <source>Every use of this promo code is taken.</source>
        <translation>此優惠碼次數已全部用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="83"/>
        <source>The promo code&apos;s budget is used up.</source>
        <translation>此優惠碼的預算已用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="84"/>
        <source>The campaign&apos;s budget is used up.</source>
        <translation>此活動的預算已用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="85"/>
        <source>This offer is for another member tier.</source>
        <translation>此優惠限其他會員等級。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="86"/>
        <source>This visit gift cannot be claimed now.</source>
        <translation>目前不能領取此來店禮。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="87"/>
        <source>Each member claims this gift once.</source>
        <translation>每位會員限領一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="88"/>
        <source>The member&apos;s spend in the period is below the gift&apos;s threshold.</source>
        <translation>會員在期間內的消費未達門檻。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="90"/>
        <source>This coupon is for a member&apos;s first purchase; this member has bought before.</source>
        <translation>此券限會員首次消費；此會員之前已消費過。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="92"/>
        <source>Ask for the code of the member who referred them.</source>
        <translation>請向會員索取推薦人的推薦碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="93"/>
        <source>This member has bought before: no referral reward.</source>
        <translation>此會員之前已消費過：不給推薦獎勵。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="94"/>
        <source>No referral campaign runs at this store now.</source>
        <translation>本門市目前沒有推薦活動。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="95"/>
        <source>Add more eligible items to reach the minimum spend.</source>
        <translation>請加購適用商品以達最低消費。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="96"/>
        <source>Add an item this coupon covers, or remove the coupon.</source>
        <translation>請加入此券適用的商品，或移除此券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="97"/>
        <source>It cannot be used together with a coupon already in this checkout. Remove one of them.</source>
        <translation>不能與本交易中的其他優惠券併用。請移除其中一張。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="99"/>
        <source>It was scanned once already: counted once.</source>
        <translation>已掃描過：只算一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="100"/>
        <source>Fewer uses are left than asked. Lower the uses.</source>
        <translation>剩餘次數少於要求。請減少使用次數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="101"/>
        <source>Other discounts already cover these items. Remove the coupon.</source>
        <translation>其他折扣已涵蓋這些商品。請移除此券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="103"/>
        <source>Use fewer points.</source>
        <translation>請少用一些點數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="104"/>
        <source>Points are used in steps. Change the amount.</source>
        <translation>點數須依級距使用。請修改點數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="105"/>
        <source>Use fewer points than the bill allows.</source>
        <translation>使用點數不得超過本筆可折抵上限。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="106"/>
        <source>Pay the rest another way.</source>
        <translation>其餘金額請以其他方式付款。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="107"/>
        <source>This card cannot pay at this store.</source>
        <translation>此卡不能在本門市付款。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="108"/>
        <source>Enter an amount within the card&apos;s limits.</source>
        <translation>請輸入卡片限額內的金額。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="109"/>
        <source>Lower the card payment to the total.</source>
        <translation>請將卡片付款降到應付金額以內。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="110"/>
        <source>Check the items and amounts, then try again.</source>
        <translation>請檢查商品與金額後再試一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="111"/>
        <source>This product is not in this terminal&apos;s catalog. Enter its price as an amount (F2), or sync.</source>
        <translation>本機商品資料中沒有此商品。請以金額輸入價格（F2），或先同步。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="113"/>
        <source>Something changed since the total was shown. Check the new total with the member and settle again.</source>
        <translation>顯示金額後內容有變動。請與會員確認新金額後再結帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="115"/>
        <source>Nothing matching was found on this terminal.</source>
        <translation>本機找不到相符的資料。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="116"/>
        <source>The time to void this sale has passed. Make a return instead.</source>
        <translation>已超過作廢時限。請改辦退貨。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="118"/>
        <source>The time to return items of this sale has passed.</source>
        <translation>此交易已超過退貨期限。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="119"/>
        <source>Return fewer items: no more than were sold.</source>
        <translation>請減少退貨數量：不得超過售出數量。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="120"/>
        <source>Sign in first (Ctrl+L); some actions need a manager&apos;s ID and PIN.</source>
        <translation>請先登入（Ctrl+L）；部分操作需店長編號與密碼。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="122"/>
        <source>Beyond what this terminal may do offline. A manager may approve it; or sync first.</source>
        <translation>超出本機離線可處理的範圍。可由店長核准，或先同步。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="124"/>
        <source>Check the staff ID and the PIN, then try again.</source>
        <translation>請檢查員工編號與密碼後再試一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="125"/>
        <source>Wait, or ask a manager to unlock it at the manager desk (F10).</source>
        <translation>請稍候，或請店長在店長作業（F10）解鎖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="126"/>
        <source>Sign in to this PC&apos;s Windows account again, or call IT. Products can still be sold.</source>
        <translation>請重新登入本機的 Windows 帳號，或聯絡 IT。商品仍可照常銷售。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="128"/>
        <source>This exchange offer is not available here now.</source>
        <translation>此兌換方案目前不適用於本門市。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="129"/>
        <source>This campaign is not running now.</source>
        <translation>此活動目前未進行。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="130"/>
        <source>Everything this campaign gives out has been claimed.</source>
        <translation>此活動的贈品已全數領完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="131"/>
        <source>The member can claim again tomorrow.</source>
        <translation>會員明天可再領取。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="132"/>
        <source>The member has claimed as often as this campaign allows.</source>
        <translation>會員領取已達此活動上限。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="133"/>
        <source>This voucher was given to another member; only they can use it now.</source>
        <translation>此券已轉贈給其他會員；現在只有對方可以使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="135"/>
        <source>Used, voided, bundled or bearer vouchers cannot be given to another member.</source>
        <translation>已使用、已作廢、組合內或不記名的票券不能轉贈。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="137"/>
        <source>The till that issued it is not known here yet. Sync, then scan again.</source>
        <translation>本機尚不認得發券的收銀機。請同步後再掃描。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="139"/>
        <source>The till that issued it has no signing key. Do not accept it; call IT.</source>
        <translation>發券的收銀機沒有簽章金鑰。請勿受理，並聯絡 IT。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="141"/>
        <source>The till that issued it was blocked. Do not accept it.</source>
        <translation>發券的收銀機已被停用。請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="142"/>
        <source>It was issued for another brand. Do not accept it.</source>
        <translation>此券為其他品牌發行。請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="143"/>
        <source>No till issues this kind of voucher. Do not accept it.</source>
        <translation>收銀機不會發出此類票券。請勿受理。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="144"/>
        <source>That till must sync before more of its vouchers can be used.</source>
        <translation>該收銀機須先同步，才能再使用它發出的票券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="146"/>
        <source>Let the terminal sync first; a manager may close anyway with a reason.</source>
        <translation>請先讓本機同步；店長也可填寫原因後照常日結。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="148"/>
        <source>Check what was entered and try again.</source>
        <translation>請檢查輸入內容後再試一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="149"/>
        <source>This sale was voided: nothing is left to return or void.</source>
        <translation>此交易已作廢：沒有可退貨或作廢的項目。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="151"/>
        <source>This looks like a phone number: search the member by phone instead.</source>
        <translation>這看起來是電話號碼：請改用電話查詢會員。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="153"/>
        <source>Check the phone number and type it again.</source>
        <translation>請檢查電話號碼後重新輸入。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="154"/>
        <source>Check the name and type it again.</source>
        <translation>請檢查姓名後重新輸入。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="155"/>
        <source>Choose a birth month from 1 to 12.</source>
        <translation>請選擇 1 到 12 的生日月份。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="156"/>
        <source>The member must agree to the membership terms before signing up.</source>
        <translation>會員須先同意會員條款才能加入。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="158"/>
        <source>This phone number already belongs to a member: search by phone instead.</source>
        <translation>此電話號碼已是會員：請改用電話查詢。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="160"/>
        <source>This needs the network: connect, then try again.</source>
        <translation>此功能需要網路：請連線後再試一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="161"/>
        <source>Too many searches from this till: wait a minute and try again.</source>
        <translation>本機查詢次數過多：請稍候一分鐘再試。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="163"/>
        <source>Free disk space on this PC or call IT; the sale is kept.</source>
        <translation>請清出本機磁碟空間或聯絡 IT；交易資料仍保留。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="164"/>
        <source>Try again. If it happens again, call IT.</source>
        <translation>請再試一次。若再發生，請聯絡 IT。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="165"/>
        <source>Nothing was lost: try again. If it happens again, call IT (the log has the details).</source>
        <translation>資料沒有遺失：請再試一次。若再次發生，請聯絡資訊人員（詳情記在日誌中）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="170"/>
        <source>It expired on %1. Ask the member for another coupon.</source>
        <translation>已於 %1 到期。請會員改用其他優惠券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="172"/>
        <source>It can be used from %1. Keep it until then.</source>
        <translation>自 %1 起可使用。請會員屆時再用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="174"/>
        <source>Used on %1 at %2 (checkout %3). Ask the member for another coupon.</source>
        <translation>已於 %1 在 %2 使用（交易 %3）。請會員改用其他優惠券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="177"/>
        <source>All %1 use(s) were taken at another till or store. Ask the member for another coupon.</source>
        <translation>全部 %1 次已在其他收銀機或門市用完。請會員改用其他優惠券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="179"/>
        <source>Valid only at: %1. The member can use it there.</source>
        <translation>僅限以下門市使用：%1。請會員到該門市使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="181"/>
        <source>Valid only at stores of: %1.</source>
        <translation>僅限以下品牌門市使用：%1。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="184"/>
        <source>At most %1 per member per day: the member can use it again tomorrow.</source>
        <translation>每位會員每天最多 %1 次：會員明天可再使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="185"/>
        <source>At most %1 per member per month: the member can use it again next month.</source>
        <translation>每位會員每月最多 %1 次：會員下個月可再使用。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="186"/>
        <source>At most %1 per member.</source>
        <translation>每位會員最多 %1 次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="187"/>
        <source>All %1 uses of this promo code are taken.</source>
        <translation>此優惠碼的 %1 次已全部用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="189"/>
        <source>Its budget of %1 is used up.</source>
        <translation>預算 %1 已用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="191"/>
        <source>The campaign&apos;s budget of %1 is used up.</source>
        <translation>活動預算 %1 已用完。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="193"/>
        <source>It can be claimed from %1 until %2.</source>
        <translation>領取期間：%1 至 %2。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="195"/>
        <source>Claimed on %1. Each member claims it once.</source>
        <translation>已於 %1 領取。每位會員限領一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="197"/>
        <source>Spent %1 of %2: %3 more to go.</source>
        <translation>已消費 %1，門檻 %2：還差 %3。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="199"/>
        <source>For a first purchase only; this member has %1 purchase(s) before.</source>
        <translation>僅限首次消費；此會員之前已消費 %1 次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="201"/>
        <source>Minimum spend %1, eligible items come to %2: add %3 more, or remove the coupon.</source>
        <translation>最低消費 %1，適用商品合計 %2：請再加購 %3，或移除此券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="204"/>
        <source>It cannot be used together with %1 (one of them must be used alone): remove one of them.</source>
        <translation>不能與「%1」併用（其中一張限單獨使用）：請移除其中一張。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="206"/>
        <source>It cannot be used together with %1: remove one of them.</source>
        <translation>不能與「%1」併用：請移除其中一張。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="208"/>
        <source>Needs %1 eligible item(s), the basket has %2: add the item or lower the uses.</source>
        <translation>需要 %1 件適用商品，目前有 %2 件：請加入商品或減少使用次數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="210"/>
        <source>Only %1 use(s) left: lower the uses.</source>
        <translation>只剩 %1 次：請減少使用次數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="212"/>
        <source>%1 points asked, %2 usable: use fewer points.</source>
        <translation>要求 %1 點，可用 %2 點：請少用一些點數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="214"/>
        <source>Points are used in steps of %1. Change the amount.</source>
        <translation>點數須以 %1 點為單位使用。請修改點數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="216"/>
        <source>At most %1 points on this bill.</source>
        <translation>本筆最多可用 %1 點。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="218"/>
        <source>Balance %1, asked %2: pay the other %3 another way.</source>
        <translation>餘額 %1，要求 %2：其餘 %3 請以其他方式付款。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="221"/>
        <source>Payments %1, total %2: lower the card payment.</source>
        <translation>付款 %1，應付 %2：請降低卡片付款金額。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="223"/>
        <source>The total is now %1 (was %2). Tell the member and settle again.</source>
        <translation>應付金額已變為 %1（原為 %2）。請告知會員後再結帳。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="225"/>
        <source>No sale %1 on this terminal. Check the checkout number.</source>
        <translation>本機沒有交易 %1。請檢查交易編號。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="227"/>
        <source>Items can be returned within %1 day(s) of the sale.</source>
        <translation>商品須於交易後 %1 天內退貨。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="229"/>
        <source>Line %1: %2 sold, %3 returned already, %4 asked.</source>
        <translation>第 %1 項：售出 %2，已退 %3，要求退 %4。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="231"/>
        <source>%1 wrong PINs: locked until %2. Wait, or ask a manager to unlock it at the manager desk (F10).</source>
        <translation>密碼錯誤 %1 次：鎖定至 %2。請稍候，或請店長在店長作業（F10）解鎖。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="234"/>
        <source>%1 sale(s) or change(s) are not synced yet. Let the terminal sync first; a manager may close anyway with a reason.</source>
        <translation>尚有 %1 筆交易或異動未同步。請先讓本機同步；店長也可填寫原因後照常日結。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="237"/>
        <source>%1 of %2 claims today: the member can claim again tomorrow.</source>
        <translation>今日已領 %1 次（上限 %2）：會員明天可再領取。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="239"/>
        <source>%1 of %2 claims of this campaign are used.</source>
        <translation>此活動已領 %1 次（上限 %2）。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="241"/>
        <location filename="../../terminal/ui/reason_details.py" line="243"/>
        <source>It runs from %1 until %2.</source>
        <translation>期間：%1 至 %2。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="246"/>
        <source>The vault is locked: unlock it by signing in to this PC&apos;s Windows account again. Products can still be sold.</source>
        <translation>憑證保管庫已鎖定：請重新登入本機的 Windows 帳號以解鎖。商品仍可照常銷售。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="249"/>
        <source>The vault no longer holds this PC&apos;s key: call IT. Products can still be sold.</source>
        <translation>憑證保管庫中已沒有本機的金鑰：請聯絡 IT。商品仍可照常銷售。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="251"/>
        <source>The vault cannot be used: call IT. Products can still be sold.</source>
        <translation>無法使用憑證保管庫：請聯絡 IT。商品仍可照常銷售。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/reason_details.py" line="254"/>
        <source>%1 not synced yet plus %2 now is more than the offline allowance of %3. Sync first.</source>
        <translation>未同步的 %1 加上這次的 %2 超過離線額度 %3。請先同步。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="51"/>
        <source>Daily redemption report</source>
        <translation>每日核銷報表</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="52"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="52"/>
        <source>Terminal</source>
        <translation>收銀機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="53"/>
        <source>Settlements</source>
        <translation>交易筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="53"/>
        <source>Total</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="58"/>
        <source>Sales settled</source>
        <translation>已結帳交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="58"/>
        <source>Gross</source>
        <translation>營業額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="59"/>
        <source>Coupon discount</source>
        <translation>優惠券折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="59"/>
        <source>Points discount</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="60"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="60"/>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="65"/>
        <source>Coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="66"/>
        <source>Coupon</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="66"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="67"/>
        <source>Uses</source>
        <translation>次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="67"/>
        <source>Discount</source>
        <translation>折扣金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="68"/>
        <source>Voided uses</source>
        <translation>作廢次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="71"/>
        <source>Points</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="72"/>
        <source>Point type</source>
        <translation>點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="72"/>
        <source>Earned</source>
        <translation>獲得</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="73"/>
        <source>Spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="73"/>
        <source>Earned reversed</source>
        <translation>獲得（沖回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="74"/>
        <source>Spent reversed</source>
        <translation>使用（退回）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="76"/>
        <source>Cashiers</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="77"/>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="77"/>
        <source>Discounts</source>
        <translation>折扣合計</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="79"/>
        <source>By hour</source>
        <translation>各時段</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="80"/>
        <source>Hour</source>
        <translation>時段</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="82"/>
        <source>Voids and overrides</source>
        <translation>作廢與主管核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="83"/>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="83"/>
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="84"/>
        <source>What</source>
        <translation>事項</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="84"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="85"/>
        <source>Void %1 (%2)</source>
        <translation>作廢 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/report_pdf.py" line="95"/>
        <source>Daily report %1 %2</source>
        <translation>每日報表 %1 %2</translation>
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
    <name>ReportCsv</name>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="130"/>
        <source>report</source>
        <translation>報表</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="131"/>
        <source>daily redemptions</source>
        <translation>每日核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="132"/>
        <source>store</source>
        <translation>門市</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="133"/>
        <source>terminal</source>
        <translation>收銀機</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="134"/>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="135"/>
        <source>section</source>
        <translation>區段</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="136"/>
        <source>metric</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="137"/>
        <source>value</source>
        <translation>數值</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="138"/>
        <source>summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="139"/>
        <source>settlements</source>
        <translation>結帳筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="140"/>
        <source>member settlements</source>
        <translation>會員結帳筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="141"/>
        <source>gross</source>
        <translation>營業額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="142"/>
        <source>coupon discount</source>
        <translation>優惠券折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="143"/>
        <source>points discount</source>
        <translation>點數折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="144"/>
        <source>total</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="145"/>
        <source>voided total</source>
        <translation>作廢金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="146"/>
        <source>returns</source>
        <translation>退貨筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="147"/>
        <source>refunded</source>
        <translation>退款金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="148"/>
        <source>points clawed back</source>
        <translation>扣回點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="149"/>
        <source>net total</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="150"/>
        <source>stored voucher uses</source>
        <translation>寄杯使用次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="151"/>
        <source>pending sync events</source>
        <translation>未同步事件</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="152"/>
        <source>coupons</source>
        <translation>優惠券</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="153"/>
        <source>template</source>
        <translation>券種</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="154"/>
        <source>name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="155"/>
        <source>kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="156"/>
        <source>partner</source>
        <translation>合作夥伴</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="157"/>
        <source>redemptions</source>
        <translation>核銷筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="158"/>
        <source>uses</source>
        <translation>使用次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="159"/>
        <source>discount</source>
        <translation>折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="160"/>
        <source>voided uses</source>
        <translation>作廢次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="161"/>
        <source>voided discount</source>
        <translation>作廢折抵</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="162"/>
        <source>points</source>
        <translation>點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="163"/>
        <source>point type</source>
        <translation>點數類型</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="164"/>
        <source>earned</source>
        <translation>獲得</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="165"/>
        <source>spent</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="166"/>
        <source>earned reversed</source>
        <translation>獲得沖回</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="167"/>
        <source>spent reversed</source>
        <translation>使用沖回</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="168"/>
        <source>cashiers</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="169"/>
        <source>id</source>
        <translation>編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="170"/>
        <source>discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="171"/>
        <source>hours</source>
        <translation>時段</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="172"/>
        <source>hour</source>
        <translation>小時</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="173"/>
        <source>voids</source>
        <translation>作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="174"/>
        <source>checkout</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="175"/>
        <source>voided at</source>
        <translation>作廢時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="176"/>
        <source>settled at</source>
        <translation>結帳時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="177"/>
        <source>manager</source>
        <translation>店長</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="178"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="179"/>
        <source>member value</source>
        <translation>會員權益</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="180"/>
        <source>what</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="181"/>
        <source>count</source>
        <translation>次數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="182"/>
        <source>exchange</source>
        <translation>點數兌換</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="183"/>
        <source>exchanges voided</source>
        <translation>兌換作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="184"/>
        <source>giveaway claims</source>
        <translation>贈點領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="185"/>
        <source>transfers</source>
        <translation>轉贈</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="186"/>
        <source>overrides</source>
        <translation>例外核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="187"/>
        <source>at</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="188"/>
        <source>actor</source>
        <translation>操作者</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="189"/>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="190"/>
        <source>stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="191"/>
        <source>topups</source>
        <translation>儲值金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="192"/>
        <source>topup bonus</source>
        <translation>儲值贈送</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="193"/>
        <source>stored value spent</source>
        <translation>儲值金支付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="194"/>
        <source>gift card spent</source>
        <translation>禮物卡支付</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="195"/>
        <source>topup count</source>
        <translation>儲值筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="196"/>
        <source>stored value refunded</source>
        <translation>儲值金退款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="197"/>
        <source>gift card refunded</source>
        <translation>禮物卡退款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="198"/>
        <source>topup bonus points</source>
        <translation>儲值贈點</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="199"/>
        <source>sales settled</source>
        <translation>已結帳交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="200"/>
        <source>sales voided</source>
        <translation>已作廢交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="201"/>
        <source>sales after the close</source>
        <translation>日結後交易筆數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="202"/>
        <source>total after the close</source>
        <translation>日結後交易金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="203"/>
        <source>close</source>
        <translation>日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="204"/>
        <source>closed at</source>
        <translation>日結時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="205"/>
        <source>closed by</source>
        <translation>日結人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="206"/>
        <source>overridden</source>
        <translation>強制日結</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="207"/>
        <source>unsynced at close</source>
        <translation>日結時未同步</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="208"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="209"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="211"/>
        <source>sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="212"/>
        <source>topup</source>
        <translation>儲值</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="213"/>
        <source>claim</source>
        <translation>領取</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/desk_texts.py" line="214"/>
        <source>visit gift</source>
        <translation>來店禮</translation>
    </message>
</context>
<context>
    <name>SalesDialog</name>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="63"/>
        <source>Sales of the day</source>
        <translation>當日交易</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="82"/>
        <source>Checkout no., product or member</source>
        <translation>交易編號、商品或會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="89"/>
        <source>min $</source>
        <translation>最低 $</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="89"/>
        <source>max $</source>
        <translation>最高 $</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="94"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="97"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="100"/>
        <source>From</source>
        <translation>從</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="102"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Checkout</source>
        <translation>交易編號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Member</source>
        <translation>會員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Items</source>
        <translation>件數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="122"/>
        <source>Collected</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="123"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="128"/>
        <source>◀ Newer</source>
        <translation>◀ 較新</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="128"/>
        <source>Older ▶</source>
        <translation>較舊 ▶</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="142"/>
        <source>Choose a sale in the list.</source>
        <translation>請在清單中選擇一筆交易。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="148"/>
        <source>Left</source>
        <translation>可退</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="149"/>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="149"/>
        <source>Return qty</source>
        <translation>退貨數量</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="164"/>
        <source>Reprint slip</source>
        <translation>重印收據</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="165"/>
        <source>Return items...</source>
        <translation>退貨...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="166"/>
        <source>Void...</source>
        <translation>作廢...</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Settled</source>
        <translation>已結帳</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="180"/>
        <source>Partly returned</source>
        <translation>部分退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="181"/>
        <source>Fully returned</source>
        <translation>全部退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="184"/>
        <source>Stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="185"/>
        <source>Gift card</source>
        <translation>禮物卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="221"/>
        <source>%1–%2 of %3</source>
        <translation>第 %1–%2 筆,共 %3 筆</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="248"/>
        <source>Checkout %1 · %2 · cashier %3 · %4</source>
        <translation>交易 %1 · %2 · 收銀員 %3 · %4</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="250"/>
        <source> · member %1</source>
        <translation> · 會員 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="273"/>
        <source>Subtotal %1 · discounts %2 · collected %3</source>
        <translation>小計 %1 · 折抵 %2 · 實收 %3</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="276"/>
        <source>Paid: %1</source>
        <translation>付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="279"/>
        <source>Coupons: %1</source>
        <translation>優惠券:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="282"/>
        <source>Points earned: %1 · spent: %2</source>
        <translation>獲得點數:%1 · 使用點數:%2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="285"/>
        <source>Returned %1 by %2 (%3): %4, refund %5</source>
        <translation>%1 由 %2 退貨(%3):%4,退款 %5</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="289"/>
        <source>Voided %1 by %2: %3</source>
        <translation>%1 由 %2 作廢:%3</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="314"/>
        <source>No slip printer is set up on this counter.</source>
        <translation>此櫃檯未設定收據印表機。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="327"/>
        <source>Copy of %1 printed.</source>
        <translation>已重印 %1 的收據。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="345"/>
        <source>Line %1 (%2): &quot;%3&quot; is not a whole number.</source>
        <translation>第 %1 行(%2):「%3」不是整數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="348"/>
        <source>Line %1 (%2): a quantity cannot be negative.</source>
        <translation>第 %1 行(%2):數量不可為負數。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="351"/>
        <source>Line %1 (%2): %3 asked back, only %4 left to return (%5 sold, %6 returned).</source>
        <translation>第 %1 行(%2):要退 %3 件,但只剩 %4 件可退(售出 %5 件,已退 %6 件)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="357"/>
        <source>Enter a quantity of 1 or more in the &quot;Return qty&quot; column of at least one line.</source>
        <translation>請至少在一行的「退貨數量」欄輸入 1 以上的數量。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="377"/>
        <source>Refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="381"/>
        <source>Coupon discount taken back: %1</source>
        <translation>收回優惠券折抵:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="383"/>
        <source>Points taken back: %1</source>
        <translation>收回點數:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="385"/>
        <source>Points given back: %1</source>
        <translation>退還點數:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="391"/>
        <source>Return items of %1</source>
        <translation>交易 %1 退貨</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="392"/>
        <source>A manager must approve a return.</source>
        <translation>退貨須經店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="403"/>
        <source>Returned. </source>
        <translation>已退貨。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="413"/>
        <source>Void checkout %1</source>
        <translation>作廢交易 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="414"/>
        <source>The whole sale is reversed: %1 back, its points and coupons restored. A manager must approve a void.</source>
        <translation>整筆交易將沖銷:退回 %1,點數與優惠券恢復。作廢須經店長核准。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/sales_dialog.py" line="420"/>
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
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan or type a code + Enter</source>
        <translation>掃描或輸入條碼後按 Enter</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan or type a code</source>
        <translation>掃描或輸入條碼</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="48"/>
        <source>Scan</source>
        <translation>掃描</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="49"/>
        <source>Enter</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/scan_row.py" line="50"/>
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
        <location filename="../../terminal/ui/tender_panel.py" line="140"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="141"/>
        <source>Amount to pay with stored value or the gift card (empty: as much as it can)</source>
        <translation>以儲值金或禮物卡支付的金額(空白:能付多少付多少)</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="142"/>
        <source>Stored value</source>
        <translation>儲值金</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="143"/>
        <source>Pay with the member&apos;s stored value</source>
        <translation>以會員儲值金付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Gift card no.</source>
        <translation>禮物卡號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="144"/>
        <source>Card no.</source>
        <translation>卡號</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="145"/>
        <source>Type the gift card&apos;s number, or scan the card</source>
        <translation>輸入禮物卡號,或掃描卡片</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="146"/>
        <source>Gift card</source>
        <translation>禮物卡</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="147"/>
        <source>Pay with the gift card whose number is typed</source>
        <translation>以輸入卡號的禮物卡付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="148"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="149"/>
        <source>Remove one of this sale&apos;s payments</source>
        <translation>移除本筆交易的一項付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="192"/>
        <source>Paid ✓</source>
        <translation>已付款 ✓</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="197"/>
        <source>Due %1</source>
        <translation>應付 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="199"/>
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
        <location filename="../../terminal/ui/tender_panel.py" line="227"/>
        <location filename="../../terminal/ui/tender_panel.py" line="241"/>
        <source>left %1</source>
        <translation>餘額 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/tender_panel.py" line="230"/>
        <source>%1 to pay</source>
        <translation>%1 應付</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="47"/>
        <source>Loyalty redemption</source>
        <translation>會員點數核銷</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="50"/>
        <source>Loyalty Terminal</source>
        <translation>會員核銷終端</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="54"/>
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="56"/>
        <source>Not signed in</source>
        <translation>未登入</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="59"/>
        <source>Online</source>
        <translation>連線中</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="59"/>
        <source>Offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="72"/>
        <source>Pending sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="74"/>
        <source>oldest %1</source>
        <translation>最久 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="81"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="84"/>
        <source>%1 conflict(s) for the manager</source>
        <translation>%1 筆衝突待店長處理</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="91"/>
        <source>Credential vault locked · sync retrying</source>
        <translation>憑證保管庫已鎖定 · 同步將自動重試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="92"/>
        <source>Credential vault unavailable · sync retrying</source>
        <translation>無法使用憑證保管庫 · 同步將自動重試</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="93"/>
        <source>Credential missing from the vault · call IT</source>
        <translation>保管庫中找不到裝置憑證 · 請聯絡資訊人員</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="101"/>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="103"/>
        <source>%1 h</source>
        <translation>%1 小時</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/top_bar.py" line="104"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="47"/>
        <source>×%1, %2 left</source>
        <translation>×%1，剩 %2 次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="52"/>
        <source>Ready: scan a member card, coupon or product</source>
        <translation>請掃描會員卡、優惠券或商品</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="83"/>
        <source>Member: %1</source>
        <translation>會員：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="84"/>
        <source>Coupon accepted: %1</source>
        <translation>優惠券可用：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="85"/>
        <source>Added: %1</source>
        <translation>已加入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="86"/>
        <source>Amount added</source>
        <translation>已加入金額</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="87"/>
        <source>Points applied</source>
        <translation>已折抵點數</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="88"/>
        <source>Settled</source>
        <translation>結帳完成</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="89"/>
        <source>Voided</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="90"/>
        <source>Override approved</source>
        <translation>主管已核准</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="91"/>
        <source>Signed in: %1</source>
        <translation>已登入：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="92"/>
        <source>Signed out</source>
        <translation>已登出</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="93"/>
        <source>Slip printed.</source>
        <translation>已列印明細。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="94"/>
        <source>Same code read twice: counted once</source>
        <translation>同一條碼讀到兩次：只算一次</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="95"/>
        <source>Payment added: %1</source>
        <translation>已加入付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="96"/>
        <source>Payment removed: %1</source>
        <translation>已移除付款:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="97"/>
        <source>The rest is paid by %1</source>
        <translation>其餘以%1付款</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="100"/>
        <source>Coupon added: %1</source>
        <translation>已加入優惠券：%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="109"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="110"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="119"/>
        <source>Balance after: %1</source>
        <translation>付款後餘額:%1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="121"/>
        <source>%1 was read again within %2 s and not added twice. Scan it again after a moment to add it once more.</source>
        <translation>%1 在 %2 秒內被重複讀取，未重複加入。若要再加一次，請稍候再掃描一次。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="125"/>
        <source>Next scan starts a new checkout (F9).</source>
        <translation>下一次掃描即開始新交易 (F9)。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="126"/>
        <source>Checkout %1: %2</source>
        <translation>交易 %1：%2</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="128"/>
        <source>Discount %1</source>
        <translation>折抵 %1</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="130"/>
        <source>Add items to check this coupon.</source>
        <translation>加入商品後即可檢查此券。</translation>
    </message>
    <message>
        <location filename="../../terminal/ui/verdicts.py" line="134"/>
        <source>New price %1, approved by %2: %3</source>
        <translation>新價格 %1，由 %2 核准：%3</translation>
    </message>
</context>
</TS>
