<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version {version} · Python {python} · Qt {qt} · PySide6 {pyside}</source>
        <translation>版本 {version} · Python {python} · Qt {qt} · PySide6 {pyside}</translation>
    </message>
    <message>
        <source>Small volunteering tasks close to home: volunteers find tasks that fit their skills and free hours; coordinators fill them and verify the hours served.</source>
        <translation>家门口的小型志愿任务：志愿者找到适合自己技能和空闲时间的任务；协调员安排人手并核实服务时长。</translation>
    </message>
    <message>
        <source>Volunteer App is free software under the GNU General Public License, version 3 or (at your option) any later version (GPL-3.0-or-later). It comes with no warranty.</source>
        <translation>志愿者助手是自由软件，依据 GNU 通用公共许可证第 3 版或（由您选择）任何更新版本（GPL-3.0-or-later）发布，不提供任何担保。</translation>
    </message>
    <message>
        <source>Place names for offline search come from GeoNames (geonames.org), licensed under Creative Commons Attribution 4.0 (CC BY 4.0).</source>
        <translation>离线地名搜索的数据来自 GeoNames（geonames.org），采用知识共享署名 4.0 许可协议（CC BY 4.0）。</translation>
    </message>
    <message>
        <source>Online address search uses OpenStreetMap data through Nominatim: © OpenStreetMap contributors, available under the Open Database License (ODbL).</source>
        <translation>在线地址搜索通过 Nominatim 使用 OpenStreetMap 数据：© OpenStreetMap 贡献者，依据开放数据库许可协议（ODbL）提供。</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>使用的组件</translation>
    </message>
    <message>
        <source>Map data</source>
        <translation>地图数据</translation>
    </message>
    <message>
        <source>About Volunteer App</source>
        <translation>关于志愿者助手</translation>
    </message>
    <message>
        <source>Volunteer App</source>
        <translation>志愿者助手</translation>
    </message>
    <message>
        <source>About, licences and data sources</source>
        <translation>关于、许可证和数据来源</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AcceptRequestDialog</name>
    <message>
        <source>{hours} credited of a {span} stretch.</source>
        <translation>{span} 时段中计入 {hours}。</translation>
    </message>
    <message>
        <source>Accept the request</source>
        <translation>接受申请</translation>
    </message>
    <message>
        <source>{name} — {kind}: {title} ({organisation})</source>
        <translation>{name} — {kind}：{title}（{organisation}）</translation>
    </message>
    <message>
        <source>“{message}”</source>
        <translation>“{message}”</translation>
    </message>
    <message>
        <source>The record now: {when}, {hours}.</source>
        <translation>当前记录：{when}，{hours}。</translation>
    </message>
    <message>
        <source>There is no record yet: accepting adds one, pending verification.</source>
        <translation>尚无记录：接受后将新增一条记录，等待核实。</translation>
    </message>
    <message>
        <source>They propose: {when}.</source>
        <translation>对方建议：{when}。</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>开始(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>结束(&amp;E)：</translation>
    </message>
    <message>
        <source>Credited &amp;minutes:</source>
        <translation>计入分钟数(&amp;M)：</translation>
    </message>
    <message>
        <source>Corrected start</source>
        <translation>更正后的开始时间</translation>
    </message>
    <message>
        <source>Corrected end</source>
        <translation>更正后的结束时间</translation>
    </message>
    <message>
        <source>Credited minutes</source>
        <translation>计入分钟数</translation>
    </message>
    <message>
        <source>Times on the task&apos;s clock: {place} time ({utc}). The corrected record waits for verification; the old one stays as it was.</source>
        <translation>时间按任务所在地时钟：{place}时间（{utc}）。更正后的记录需等待核实；原记录保持不变。</translation>
    </message>
    <message>
        <source>Accept and make the record</source>
        <translation>接受并生成记录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>Volunteer</source>
        <extracomment>The roles an invitation gives, with their names as the window shows them.</extracomment>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <source>Organisation admin</source>
        <translation>组织管理员</translation>
    </message>
    <message>
        <source>{role} of {organisation}</source>
        <translation>{organisation}的{role}</translation>
    </message>
    <message>
        <source>Site administrator</source>
        <translation>站点管理员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Invite the people who volunteer and coordinate here, and close the accounts of people who have left.</source>
        <translation>邀请在这里做志愿者和担任协调员的人，并关闭已离开的人的账户。</translation>
    </message>
    <message>
        <source>Invite people to the organisations you run. A site administrator closes accounts.</source>
        <translation>邀请他人加入您管理的组织。关闭账户由站点管理员负责。</translation>
    </message>
    <message>
        <source>Invite someone</source>
        <translation>邀请他人</translation>
    </message>
    <message>
        <source>A new account with a role in an organisation. You see its first password once, to pass on; on a shared server it is also their own login to the database.</source>
        <translation>新建一个在某个组织中担任某一角色的账户。其初始密码只向您显示一次，供您转交；在共享服务器上，它也是此人自己的数据库登录名。</translation>
    </message>
    <message>
        <source>&amp;Invite someone…</source>
        <translation>邀请他人(&amp;I)…</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Close an account</source>
        <translation>关闭账户</translation>
    </message>
    <message>
        <source>They can no longer sign in, and on a shared server their login is disabled. Their hours and history stay.</source>
        <translation>此人将无法再登录，在共享服务器上其数据库登录名也会被停用。其服务时长和历史记录保留。</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>Email of the account to close</source>
        <translation>要关闭的账户的邮箱</translation>
    </message>
    <message>
        <source>&amp;Remove account…</source>
        <translation>删除账户(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>There is no organisation yet: add one first.</source>
        <translation>还没有任何组织：请先添加一个。</translation>
    </message>
    <message>
        <source>{email} was invited as a {role} of {organisation}.</source>
        <translation>已邀请 {email} 成为 {organisation} 的{role}。</translation>
    </message>
    <message>
        <source>Type the email address of the account to close.</source>
        <translation>请输入要关闭的账户的邮箱地址。</translation>
    </message>
    <message>
        <source>Remove the account of {email}? They will no longer be able to sign in, and on a shared server their login is disabled. Their hours and history stay.</source>
        <translation>要删除 {email} 的账户吗？此人将无法再登录，在共享服务器上其数据库登录名也会被停用。其服务时长和历史记录保留。</translation>
    </message>
    <message>
        <source>The account of {email} is closed: it can no longer sign in.</source>
        <translation>{email} 的账户已关闭：无法再登录。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator account</source>
        <translation>管理员账户</translation>
    </message>
    <message>
        <source>You will sign in with this email address and password.</source>
        <translation>以后您将用这个邮箱地址和密码登录。</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>How others see you, e.g. Li Wei</source>
        <translation>其他人看到的名字，例如：李伟</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters. A few unrelated words make a good one.</source>
        <translation>密码至少需要 {minimum} 个字符。几个互不相关的词连在一起就是好密码。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 个字符。</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Updating the database…</source>
        <extracomment>Exit status when the database could not be opened and the person closed the dialog. For automation (tests, the frozen-app smoke test): every modal message box is closed this many milliseconds after it opens, and its title and text are written to stderr first.</extracomment>
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>(no location given)</source>
        <translation>（未指定位置）</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database at {location} could not be opened.</source>
        <translation>无法打开位于 {location} 的数据库。</translation>
    </message>
    <message>
        <source>Choose another location in Settings?</source>
        <translation>要在设置中选择其他位置吗？</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Tasks for me</source>
        <translation>为我推荐</translation>
    </message>
    <message>
        <source>My schedule</source>
        <translation>我的日程</translation>
    </message>
    <message>
        <source>My hours</source>
        <translation>我的时长</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Hours to verify</source>
        <translation>待核实时长</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Auto-assign</source>
        <translation>自动分配</translation>
    </message>
    <message>
        <source>Free hours</source>
        <translation>空闲时间</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
</context>
<context>
    <name>AssignPage</name>
    <message>
        <source>Auto-assign</source>
        <translation>自动分配</translation>
    </message>
    <message>
        <source>The matching engine proposes who goes where for your organisation&apos;s open tasks: skills, travel distance, free hours and hour limits respected, the most important places filled first. Nothing is stored until you accept; accepted proposals are sent to the volunteers to confirm.</source>
        <translation>匹配引擎会为您组织的招募中任务建议人员安排：兼顾技能、出行距离、空闲时间和时长上限，优先填补最重要的名额。在您接受之前不会保存任何内容；接受的邀请将发送给志愿者确认。</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>第一天</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the matching engine</source>
        <translation>运行匹配引擎</translation>
    </message>
    <message>
        <source>Accept &amp;selected</source>
        <translation>接受所选(&amp;S)</translation>
    </message>
    <message>
        <source>Accept the selected proposals</source>
        <translation>接受所选的建议安排</translation>
    </message>
    <message>
        <source>Accept &amp;all</source>
        <translation>全部接受(&amp;A)</translation>
    </message>
    <message>
        <source>Accept all proposals</source>
        <translation>接受全部建议安排</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>建议安排</translation>
    </message>
    <message>
        <source>Places left open</source>
        <translation>空缺名额</translation>
    </message>
    <message>
        <source>Choose an organisation and the days, then press Run.</source>
        <translation>请选择组织和日期，然后点击“运行”。</translation>
    </message>
    <message>
        <source>Proposals ({count})</source>
        <translation>建议安排（{count}）</translation>
    </message>
    <message>
        <source>Places left open ({count})</source>
        <translation>空缺名额（{count}）</translation>
    </message>
    <message>
        <source>Every place the engine could not fill, and why.</source>
        <translation>匹配引擎未能填补的每个名额及原因。</translation>
    </message>
    <message>
        <source>The engine filled every open place in these days.</source>
        <translation>匹配引擎已填满这些日期内的所有空缺名额。</translation>
    </message>
    <message>
        <source>You coordinate no organisation, so there is nothing to assign.</source>
        <translation>您没有协调任何组织，因此没有可分配的内容。</translation>
    </message>
    <message>
        <source>Matching volunteers to tasks…</source>
        <translation>正在为任务匹配志愿者…</translation>
    </message>
    <message>
        <source>Reading the results…</source>
        <translation>正在读取结果…</translation>
    </message>
    <message>
        <source>Running the matching engine…</source>
        <translation>正在运行匹配引擎…</translation>
    </message>
    <message>
        <source>{count} proposals for {organisation}; {open} places left open. Nothing is stored yet.</source>
        <translation>为 {organisation} 生成了 {count} 条建议安排；仍有 {open} 个名额空缺。尚未保存任何内容。</translation>
    </message>
    <message>
        <source>At least {percent}% as good as the best possible assignment.</source>
        <translation>至少达到最佳分配方案的 {percent}%。</translation>
    </message>
    <message>
        <source>{count} proposals declined before were not made again.</source>
        <translation>有 {count} 条之前被拒绝的建议安排没有再次提出。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was proposed or stored.</source>
        <translation>已取消：没有提出或保存任何建议安排。</translation>
    </message>
    <message>
        <source>Stored {count} proposals; each volunteer is asked to accept or decline.</source>
        <translation>已保存 {count} 条建议安排；每位志愿者都会收到邀请，可选择接受或拒绝。</translation>
    </message>
</context>
<context>
    <name>AutoAssign</name>
    <message>
        <source>nobody has the skills it needs</source>
        <extracomment>The engine&apos;s reasons for an open place (README &quot;The matching engine&quot;), in words.</extracomment>
        <translation>没有人具备所需技能</translation>
    </message>
    <message>
        <source>those with the skills live too far away</source>
        <translation>具备技能的人住得太远</translation>
    </message>
    <message>
        <source>those in reach are not free then</source>
        <translation>距离合适的人那时没有空</translation>
    </message>
    <message>
        <source>it would take those free over their hour limit</source>
        <translation>有空的人会超出其时长上限</translation>
    </message>
    <message>
        <source>those who could are placed elsewhere then</source>
        <translation>能去的人那时已被安排到别处</translation>
    </message>
    <message>
        <source>Full already: not given to the engine</source>
        <translation>已满员：未交给匹配引擎</translation>
    </message>
    <message>
        <source>Has no place on the map and is not remote: nobody can be placed</source>
        <translation>没有地图位置且不是线上任务：无法安排任何人</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CalendarExport</name>
    <message>
        <source>My volunteering</source>
        <translation>我的志愿服务</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>组织：{name}</translation>
    </message>
    <message>
        <source>Whom to ask: {contact}</source>
        <translation>联系人：{contact}</translation>
    </message>
    <message>
        <source>When: {when}</source>
        <translation>时间：{when}</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Issue a certificate</source>
        <translation>开具证明</translation>
    </message>
    <message>
        <source>Issue a service certificate</source>
        <translation>开具志愿服务记录证明</translation>
    </message>
    <message>
        <source>A signed certificate of the volunteer&apos;s verified hours with your organisation, with a QR code anyone can check offline. It is kept in the register and can be revoked later.</source>
        <translation>为志愿者在贵组织已核实的服务时长开具签名证明，附有任何人都可离线核验的二维码。证明会记入登记册，以后可以撤销。</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Issuing organisation</source>
        <translation>开具证明的组织</translation>
    </message>
    <message>
        <source>&amp;Volunteer:</source>
        <translation>志愿者(&amp;V)：</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>All verified hours up to today</source>
        <translation>截至今天的全部已核实时长</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>第一天</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language of the certificate</source>
        <translation>证明的语言</translation>
    </message>
    <message>
        <source>&amp;Issue and save PDF…</source>
        <translation>开具并保存 PDF(&amp;I)…</translation>
    </message>
    <message>
        <source>Issue and save the PDF</source>
        <translation>开具并保存 PDF</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <source>Print the certificate</source>
        <translation>打印证明</translation>
    </message>
    <message>
        <source>You coordinate no organisation, so you cannot issue certificates.</source>
        <translation>您没有协调任何组织，因此不能开具证明。</translation>
    </message>
    <message>
        <source>Save the certificate</source>
        <translation>保存证明</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Certificate {number} ({hours}) saved to {path}.</source>
        <translation>证明 {number}（{hours}）已保存到 {path}。</translation>
    </message>
    <message>
        <source>Printing is not available here; print the saved PDF instead.</source>
        <translation>此处无法打印，请打印保存的 PDF。</translation>
    </message>
</context>
<context>
    <name>CertificateRequestDialog</name>
    <message>
        <source>You have no verified hours yet, so no organisation can certify them.</source>
        <translation>您还没有已核实的时长，因此没有组织可以为您开具证明。</translation>
    </message>
    <message>
        <source>Request a certificate</source>
        <translation>申请证明</translation>
    </message>
    <message>
        <source>Request a service certificate</source>
        <translation>申请志愿服务记录证明</translation>
    </message>
    <message>
        <source>The organisation&apos;s coordinators issue a signed certificate of your verified hours with them. Once it is issued it appears under Certificates in My hours, where you can save and print it.</source>
        <translation>该组织的协调员会为您在该组织已核实的时长开具签名证明。证明开具后会显示在“我的时长”的“证明”中，您可以在那里保存和打印。</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Organisation to ask</source>
        <translation>向哪个组织申请</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>All my verified hours up to today</source>
        <translation>截至今天我的全部已核实时长</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>第一天</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language of the certificate</source>
        <translation>证明的语言</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>发送申请(&amp;S)</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>发送申请</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>期间的结束日期早于开始日期。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat the new one:</source>
        <translation>确认新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>At least {minimum} characters. Your keys are re-protected with the new password.</source>
        <translation>至少 {minimum} 个字符。您的密钥将改用新密码保护。</translation>
    </message>
    <message>
        <source>The two new passwords differ. Type the same password twice.</source>
        <translation>两次输入的新密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
</context>
<context>
    <name>CheckTimeDialog</name>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Check {name} in to {title}</source>
        <translation>为 {name} 签到：{title}</translation>
    </message>
    <message>
        <source>&amp;Arrived at:</source>
        <translation>到达时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Check {name} out of {title}</source>
        <translation>为 {name} 签退：{title}</translation>
    </message>
    <message>
        <source>&amp;Left at:</source>
        <translation>离开时间(&amp;L)：</translation>
    </message>
    <message>
        <source>Add a walk-in</source>
        <translation>添加现场加入人员</translation>
    </message>
    <message>
        <source>Someone who did not sign up came to {title}</source>
        <translation>有未报名的人来参加 {title}</translation>
    </message>
    <message>
        <source>Their &amp;email:</source>
        <translation>对方的邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>name@example.org (they need an account)</source>
        <translation>name@example.org（对方需要有账户）</translation>
    </message>
    <message>
        <source>Walk-in&apos;s email</source>
        <translation>现场加入人员的邮箱</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>现在(&amp;N)</translation>
    </message>
    <message>
        <source>Set the time to now</source>
        <translation>将时间设为现在</translation>
    </message>
    <message>
        <source>The time defaults to now; change it if it happened earlier.</source>
        <translation>时间默认为现在；如果发生得更早，请修改。</translation>
    </message>
    <message>
        <source>Times are on the task&apos;s clock ({place}, {utc}); it defaults to now.</source>
        <translation>时间按任务所在地时钟（{place}，{utc}）；默认为现在。</translation>
    </message>
    <message>
        <source>Type the walk-in&apos;s email.</source>
        <translation>请输入现场加入人员的邮箱。</translation>
    </message>
</context>
<context>
    <name>Crediting</name>
    <message>
        <source>{first} {second} {third}</source>
        <translation>{first}{second}{third}</translation>
    </message>
    <message>
        <source>Hours are counted to the minute.</source>
        <translation>时长精确到分钟计算。</translation>
    </message>
    <message>
        <source>Hours are rounded down to {step} minutes.</source>
        <translation>时长按 {step} 分钟向下取整。</translation>
    </message>
    <message>
        <source>Any time you attend counts.</source>
        <translation>参加的任何时间都计入。</translation>
    </message>
    <message>
        <source>You need to attend at least {percent}% of a stint to get credit.</source>
        <translation>需参加一次服务时段的至少 {percent}% 才能计入时长。</translation>
    </message>
    <message>
        <source>Credit never exceeds the stint&apos;s length.</source>
        <translation>计入时长不会超过服务时段的长度。</translation>
    </message>
    <message>
        <source>Time you stay beyond the stint counts too.</source>
        <translation>超出服务时段停留的时间也计入。</translation>
    </message>
    <message>
        <source>Attended {attended} of {stint}, less than the {percent}% needed: no credit.</source>
        <translation>在 {stint} 中参加了 {attended}，不足所需的 {percent}%：不计入时长。</translation>
    </message>
    <message>
        <source>Attended {attended}, capped at the stint&apos;s {stint}: {credited} credited.</source>
        <translation>参加 {attended}，以服务时段的 {stint} 为上限：计入 {credited}。</translation>
    </message>
    <message>
        <source>Attended {attended}, rounded down to {step} min: {credited} credited.</source>
        <translation>参加 {attended}，按 {step} 分钟向下取整：计入 {credited}。</translation>
    </message>
    <message>
        <source>Attended {attended}: {credited} credited.</source>
        <translation>参加 {attended}：计入 {credited}。</translation>
    </message>
    <message>
        <source>Attended {attended}, capped at the stint&apos;s {stint} and rounded down to {step} min: {credited} credited.</source>
        <translation>参加 {attended}，以服务时段的 {stint} 为上限并按 {step} 分钟向下取整：计入 {credited}。</translation>
    </message>
    <message>
        <source>Hours are rounded down to 6 minutes (tenths of an hour).</source>
        <translation>时长按 6 分钟（0.1 小时）向下取整。</translation>
    </message>
    <message>
        <source>Hours are rounded down to 15 minutes (quarters of an hour).</source>
        <translation>时长按 15 分钟（一刻钟）向下取整。</translation>
    </message>
    <message>
        <source>Hours are rounded down to 30 minutes (half hours).</source>
        <translation>时长按 30 分钟（半小时）向下取整。</translation>
    </message>
    <message>
        <source>Hours are rounded down to whole hours.</source>
        <translation>时长按整小时向下取整。</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>All set</source>
        <translation>设置完成</translation>
    </message>
    <message>
        <source>The administrator account {email} is ready. Next, add your organisation and the people who coordinate it. Press Finish to open the app.</source>
        <translation>管理员账户 {email} 已创建。接下来请添加您的组织及其协调员。点击“完成”打开应用。</translation>
    </message>
    <message>
        <source>I will volunteer too: set up my profile next</source>
        <translation>我也要做志愿者：接下来设置我的个人资料</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>First start</source>
        <translation>首次启动</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FreeHoursGrid</name>
    <message>
        <source>not free</source>
        <extracomment>The painted pattern changed (a drag ended, Space was pressed, or ``set_pattern``).</extracomment>
        <translation>没空</translation>
    </message>
    <message>
        <source>partly free</source>
        <translation>部分有空</translation>
    </message>
    <message>
        <source>free</source>
        <translation>有空</translation>
    </message>
    <message>
        <source>{day} {start}–{end}, {state}</source>
        <translation>{day} {start}–{end}，{state}</translation>
    </message>
    <message>
        <source>Selected: {first}–{last}, {start}–{end}. Space sets them all.</source>
        <translation>已选：{first}–{last}，{start}–{end}。按空格键全部设置。</translation>
    </message>
    <message>
        <source>Weekly free hours</source>
        <translation>每周空闲时间</translation>
    </message>
    <message>
        <source>Drag over empty cells to mark them free, over free cells to clear them. With the keyboard: arrows move, Space switches a cell, Shift+arrows select several, then Space sets them all.</source>
        <translation>在空白格子上拖动可标记为有空，在有空的格子上拖动可清除。使用键盘：方向键移动，空格键切换单个格子，Shift+方向键选择多个格子，然后按空格键全部设置。</translation>
    </message>
</context>
<context>
    <name>FreeHoursPage</name>
    <message>
        <source>Paint the hours you are usually free: drag over empty cells to add them, over free cells to remove them. With the keyboard: arrows move, Space switches, Shift+arrows select several.</source>
        <translation>标出您通常有空的时间：在空白格子上拖动可添加，在有空的格子上拖动可删除。使用键盘：方向键移动，空格键切换，Shift+方向键选择多个格子。</translation>
    </message>
    <message>
        <source>Times are on your own clock ({zone}).</source>
        <translation>时间按您本地的时钟（{zone}）。</translation>
    </message>
    <message>
        <source>&amp;Save free hours</source>
        <translation>保存空闲时间(&amp;S)</translation>
    </message>
    <message>
        <source>Save free hours</source>
        <translation>保存空闲时间</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <source>Undo changes to the free hours</source>
        <translation>撤销对空闲时间的更改</translation>
    </message>
    <message>
        <source>Changes on particular dates</source>
        <translation>特定日期的变动</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected change</source>
        <translation>删除所选的变动</translation>
    </message>
    <message>
        <source>&amp;Away from</source>
        <translation>外出(&amp;A)：从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Away from</source>
        <translation>外出开始</translation>
    </message>
    <message>
        <source>Away until</source>
        <translation>外出结束</translation>
    </message>
    <message>
        <source>Add a&amp;way</source>
        <translation>添加外出(&amp;W)</translation>
    </message>
    <message>
        <source>Add the time away</source>
        <translation>添加外出时间</translation>
    </message>
    <message>
        <source>E&amp;xtra free time on</source>
        <translation>额外空闲日期(&amp;X)</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Extra free time on</source>
        <translation>额外空闲日期</translation>
    </message>
    <message>
        <source>Extra free time from</source>
        <translation>额外空闲开始时间</translation>
    </message>
    <message>
        <source>Extra free time until</source>
        <translation>额外空闲结束时间</translation>
    </message>
    <message>
        <source>Add e&amp;xtra</source>
        <translation>添加额外时间(&amp;X)</translation>
    </message>
    <message>
        <source>Add the extra free time</source>
        <translation>添加额外空闲时间</translation>
    </message>
    <message>
        <source>The next {days} days, as matching sees them</source>
        <translation>今后 {days} 天（匹配时所见）</translation>
    </message>
    <message>
        <source>Your saved free hours, minus time away, plus extra time, minus tasks you are already signed up for.</source>
        <translation>您保存的空闲时间，减去外出时间，加上额外空闲时间，再减去您已报名的任务。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Free for tasks</source>
        <translation>可用于任务</translation>
    </message>
    <message>
        <source>Already signed up</source>
        <translation>已报名</translation>
    </message>
    <message>
        <source>The next {days} days</source>
        <translation>今后 {days} 天</translation>
    </message>
    <message>
        <source>Unsaved changes: press Save (Ctrl+S) to keep them.</source>
        <translation>有未保存的更改：请按“保存”（Ctrl+S）保留更改。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Free hours saved: {hours} a week.</source>
        <translation>空闲时间已保存：每周 {hours}。</translation>
    </message>
    <message>
        <source>Away: {when}</source>
        <translation>外出：{when}</translation>
    </message>
    <message>
        <source>Extra free time: {when}</source>
        <translation>额外空闲时间：{when}</translation>
    </message>
    <message>
        <source>None. Add time away or extra free time below.</source>
        <translation>无。请在下方添加外出时间或额外空闲时间。</translation>
    </message>
    <message>
        <source>not free</source>
        <translation>没空</translation>
    </message>
    <message>
        <source>{span} {title}</source>
        <translation>{span} {title}</translation>
    </message>
    <message>
        <source>(proposed)</source>
        <translation>（邀请中）</translation>
    </message>
</context>
<context>
    <name>HandAssignDialog</name>
    <message>
        <source>Assign by hand</source>
        <extracomment>People offered in the volunteer field&apos;s completion list at most.</extracomment>
        <translation>手动分配</translation>
    </message>
    <message>
        <source>Assign someone to {title}</source>
        <translation>为 {title} 分配人员</translation>
    </message>
    <message>
        <source>&amp;Volunteer:</source>
        <translation>志愿者(&amp;V)：</translation>
    </message>
    <message>
        <source>Type a name or an email</source>
        <translation>输入姓名或邮箱</translation>
    </message>
    <message>
        <source>Volunteer to assign</source>
        <translation>要分配的志愿者</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>检查(&amp;H)</translation>
    </message>
    <message>
        <source>Check skills, free time and clashes</source>
        <translation>检查技能、空闲时间和时间冲突</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>开始时间(&amp;S)：</translation>
    </message>
    <message>
        <source>Start of their stint</source>
        <translation>本次服务时段的开始时间</translation>
    </message>
    <message>
        <source>The first start that fits them</source>
        <translation>适合对方的最早开始时间</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Why they may go although a rule says no</source>
        <translation>为什么在规则不允许的情况下仍可安排</translation>
    </message>
    <message>
        <source>Reason for overriding skills or free time</source>
        <translation>不满足技能或空闲时间要求时的安排理由</translation>
    </message>
    <message>
        <source>Needed only when they lack a skill the task asks for or are not free then; it is kept with the signup. A clash with another place they hold is never allowed.</source>
        <translation>仅在对方缺少任务要求的技能或那时没空时需要填写；理由会随报名一起保存。与对方已有名额的时间冲突始终不允许。</translation>
    </message>
    <message>
        <source>They have agreed already (&amp;confirm instead of proposing)</source>
        <translation>对方已同意（直接确认，不发邀请）(&amp;C)</translation>
    </message>
    <message>
        <source>They have agreed already</source>
        <translation>对方已同意</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>分配(&amp;A)</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Type who to assign.</source>
        <translation>请输入要分配的人员。</translation>
    </message>
    <message>
        <source>{name} is on this task already.</source>
        <translation>{name} 已在此任务中。</translation>
    </message>
    <message>
        <source>{name} already holds a place on {other} ({when}): a clash cannot be overridden.</source>
        <translation>{name} 已在 {other}（{when}）中占有名额：时间冲突无法强制忽略。</translation>
    </message>
    <message>
        <source>{skill} (has {has}, needs {needs})</source>
        <translation>{skill}（现有 {has}，需要 {needs}）</translation>
    </message>
    <message>
        <source>Lacks skills the task needs: {skills}.</source>
        <translation>缺少任务所需的技能：{skills}。</translation>
    </message>
    <message>
        <source>Not free then (outside their free hours).</source>
        <translation>那时没空（不在其空闲时间内）。</translation>
    </message>
    <message>
        <source>{name} fits: skills, free time and no clash ({when}).</source>
        <translation>{name} 符合条件：技能、空闲时间均满足，且无时间冲突（{when}）。</translation>
    </message>
    <message>
        <source>Give a reason to assign them anyway.</source>
        <translation>请填写仍要分配的理由。</translation>
    </message>
</context>
<context>
    <name>HomeAddressDialog</name>
    <message>
        <source>My home address</source>
        <translation>我的住址</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Store my exact location</source>
        <translation>保存我的精确位置</translation>
    </message>
    <message>
        <source>Unless you tick the box, your home is stored rounded to about 100 metres: enough to find tasks near you, not enough to find your door. Only you and the coordinators of your organisations can see your address.</source>
        <translation>除非勾选此项，您的住址只会以约 100 米的精度保存：足以找到附近的任务，但无法找到您家门口。只有您本人和您所属组织的协调员能看到您的地址。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save my home address</source>
        <translation>保存我的住址</translation>
    </message>
    <message>
        <source>Remove my home</source>
        <translation>删除住址</translation>
    </message>
    <message>
        <source>Remove my home address</source>
        <translation>删除我的住址</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The home address cannot be shown.</source>
        <translation>无法显示住址。</translation>
    </message>
    <message>
        <source>Loading the saved address…</source>
        <translation>正在加载已保存的地址…</translation>
    </message>
    <message>
        <source>No home address saved yet.</source>
        <translation>尚未保存住址。</translation>
    </message>
    <message>
        <source>No home address saved.</source>
        <translation>没有保存住址。</translation>
    </message>
    <message>
        <source>Saved now: {address}</source>
        <translation>已保存：{address}</translation>
    </message>
    <message>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <source>Point on the map: {latitude}, {longitude}</source>
        <translation>地图上的位置：{latitude}, {longitude}</translation>
    </message>
    <message>
        <source>Find your address and choose it in the list first.</source>
        <translation>请先查找您的地址，并在列表中选中它。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>Hours</name>
    <message>
        <source>Pending</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Wrong time</source>
        <translation>时间有误</translation>
    </message>
    <message>
        <source>Wrong task</source>
        <translation>任务有误</translation>
    </message>
    <message>
        <source>Missing record</source>
        <translation>缺少记录</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>Corrects an earlier record</source>
        <translation>更正之前的一条记录</translation>
    </message>
    <message>
        <source>The volunteer asked for a correction (see below)</source>
        <translation>志愿者已申请更正（见下方）</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>计入时长</translation>
    </message>
    <message>
        <source>{minutes} minutes</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>Rule applied</source>
        <translation>适用规则</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{title} (no record yet)</source>
        <translation>{title}（尚无记录）</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>问题所在</translation>
    </message>
    <message>
        <source>About</source>
        <translation>相关内容</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <source>Missing record reported; waiting for a coordinator</source>
        <translation>已报告缺少记录；等待协调员处理</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <source>Correction requested</source>
        <translation>已申请更正</translation>
    </message>
    <message>
        <source>Your request was declined: {reason}</source>
        <translation>您的申请已被拒绝：{reason}</translation>
    </message>
    <message>
        <source>Replaced by a correction</source>
        <translation>已被更正记录替换</translation>
    </message>
    <message>
        <source>Corrected record</source>
        <translation>更正后的记录</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已开具</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Revoked: {reason}</source>
        <translation>已撤销：{reason}</translation>
    </message>
    <message>
        <source>Issued by {name} on {day}</source>
        <translation>由 {name} 于 {day} 开具</translation>
    </message>
    <message>
        <source>Declined: {reason}</source>
        <translation>已拒绝：{reason}</translation>
    </message>
    <message>
        <source>Asked on {day}; waiting for a coordinator</source>
        <translation>已于 {day} 申请，等待协调员处理</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Hours statement</source>
        <translation>时长证明文件</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证明</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签名方</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>公钥</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>HoursChart</name>
    <message>
        <source>Verified hours by month</source>
        <translation>每月已核实时长</translation>
    </message>
    <message>
        <source>No verified hours in the last {count} months.</source>
        <translation>最近 {count} 个月没有已核实的时长。</translation>
    </message>
    <message>
        <source>{total} verified from {first} to {last}; the most in {month} ({best}).</source>
        <translation>{first} 至 {last} 共核实 {total}；最多的是 {month}（{best}）。</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
</context>
<context>
    <name>HoursRequestDialog</name>
    <message>
        <source>Something is wrong with my hours</source>
        <translation>我的时长有问题</translation>
    </message>
    <message>
        <source>What is wrong:</source>
        <translation>问题所在：</translation>
    </message>
    <message>
        <source>The &amp;times or minutes are wrong</source>
        <translation>时间或分钟数有误(&amp;T)</translation>
    </message>
    <message>
        <source>It names the wrong &amp;task</source>
        <translation>任务填错了(&amp;T)</translation>
    </message>
    <message>
        <source>A record is &amp;missing</source>
        <translation>缺少一条记录(&amp;M)</translation>
    </message>
    <message>
        <source>Something &amp;else</source>
        <translation>其他问题(&amp;E)</translation>
    </message>
    <message>
        <source>T&amp;ask you served:</source>
        <translation>您参加的任务(&amp;A)：</translation>
    </message>
    <message>
        <source>Task you served</source>
        <translation>您参加的任务</translation>
    </message>
    <message>
        <source>What &amp;happened:</source>
        <translation>具体情况(&amp;H)：</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>具体情况</translation>
    </message>
    <message>
        <source>For example: I stayed until the end at 17:30; Ms Li can confirm.</source>
        <translation>例如：我一直待到 17:30 结束；李女士可以证明。</translation>
    </message>
    <message>
        <source>I know the right times</source>
        <translation>我知道正确的时间</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>开始(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>结束(&amp;E)：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Send to the coordinators</source>
        <translation>发送给协调员</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{title} — {organisation}, {when}</source>
        <translation>{title} — {organisation}，{when}</translation>
    </message>
    <message>
        <source>Times on the task&apos;s clock: {place} time ({utc}).</source>
        <translation>时间按任务所在地时钟：{place}时间（{utc}）。</translation>
    </message>
    <message>
        <source>{title} — {organisation}
{when} · {hours} · {status}</source>
        <translation>{title} — {organisation}
{when} · {hours} · {status}</translation>
    </message>
    <message>
        <source>Choose the task you served; the coordinators will check it and add the record.</source>
        <translation>请选择您参加的任务；协调员会核对并添加记录。</translation>
    </message>
    <message>
        <source>No past task of yours lacks a record, so there is nothing to report.</source>
        <translation>您以往的任务都有记录，因此没有需要报告的内容。</translation>
    </message>
    <message>
        <source>Say what is wrong, in a sentence or two.</source>
        <translation>请用一两句话说明问题所在。</translation>
    </message>
</context>
<context>
    <name>HoursToVerifyPage</name>
    <message>
        <source>Hours to verify</source>
        <translation>待核实时长</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>核实(&amp;V)</translation>
    </message>
    <message>
        <source>Verify the selected hours</source>
        <translation>核实所选时长</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>驳回(&amp;J)…</translation>
    </message>
    <message>
        <source>Reject the selected hours, with a reason</source>
        <translation>驳回所选时长并说明理由</translation>
    </message>
    <message>
        <source>Pending hours</source>
        <translation>待核实的时长</translation>
    </message>
    <message>
        <source>Select one or several rows (Shift or Ctrl), then Verify or Reject.</source>
        <translation>选择一行或多行（按住 Shift 或 Ctrl），然后点击“核实”或“驳回”。</translation>
    </message>
    <message>
        <source>Volunteers&apos; requests</source>
        <translation>志愿者的申请</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>接受(&amp;A)…</translation>
    </message>
    <message>
        <source>Accept the selected request and make the corrected record</source>
        <translation>接受所选申请并生成更正后的记录</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>拒绝(&amp;D)…</translation>
    </message>
    <message>
        <source>Decline the selected request, with a reason</source>
        <translation>拒绝所选申请并说明理由</translation>
    </message>
    <message>
        <source>Loading the hours to verify…</source>
        <translation>正在加载待核实时长…</translation>
    </message>
    <message>
        <source>Pending hours in {organisations}, oldest first. Select several rows with Shift or Ctrl to decide them together. Your own hours are verified by another coordinator.</source>
        <translation>{organisations} 的待核实时长，最早的在前。按住 Shift 或 Ctrl 可选择多行一并处理。您自己的时长由其他协调员核实。</translation>
    </message>
    <message>
        <source>You coordinate no organisation, so no hours wait for you.</source>
        <translation>您没有协调任何组织，因此没有等待您核实的时长。</translation>
    </message>
    <message>
        <source>{shown} of {total} pending shown</source>
        <translation>显示 {shown} / 共 {total} 条待核实</translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation>{count} 条待核实</translation>
    </message>
    <message>
        <source>Nothing waits for verification.</source>
        <translation>没有等待核实的内容。</translation>
    </message>
    <message>
        <source>{chosen} selected · {rest}</source>
        <translation>已选 {chosen} 条 · {rest}</translation>
    </message>
    <message>
        <source>{count} open</source>
        <translation>{count} 条未处理</translation>
    </message>
    <message>
        <source>No open requests.</source>
        <translation>没有未处理的申请。</translation>
    </message>
    <message>
        <source>Verified {count} record(s).</source>
        <translation>已核实 {count} 条记录。</translation>
    </message>
    <message>
        <source>Reject hours</source>
        <translation>驳回时长</translation>
    </message>
    <message>
        <source>Why are these {count} record(s) of {names} rejected?</source>
        <translation>为什么驳回 {names} 的这 {count} 条记录？</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Rejected {count} record(s).</source>
        <translation>已驳回 {count} 条记录。</translation>
    </message>
    <message>
        <source>Request accepted: record {id} waits for verification above.</source>
        <translation>申请已接受：记录 {id} 在上方等待核实。</translation>
    </message>
    <message>
        <source>Decline the request</source>
        <translation>拒绝申请</translation>
    </message>
    <message>
        <source>Why is {name}&apos;s request about “{title}” declined?</source>
        <translation>为什么拒绝 {name} 关于“{title}”的申请？</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Request declined.</source>
        <translation>申请已拒绝。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>What</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Import tasks</source>
        <translation>导入任务</translation>
    </message>
    <message>
        <source>Import volunteers</source>
        <translation>导入志愿者</translation>
    </message>
    <message>
        <source>1. Choose the file</source>
        <translation>1. 选择文件</translation>
    </message>
    <message>
        <source>2. Which column is which</source>
        <translation>2. 指定各列内容</translation>
    </message>
    <message>
        <source>3. Check and import</source>
        <translation>3. 检查并导入</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Spreadsheet file</source>
        <translation>电子表格文件</translation>
    </message>
    <message>
        <source>A .csv or .xlsx file</source>
        <translation>.csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the spreadsheet file</source>
        <translation>选择电子表格文件</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Organisation to import into</source>
        <translation>要导入到的组织</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>Time zone of rows without one</source>
        <translation>未注明时区的行所用的时区</translation>
    </message>
    <message>
        <source>The organisation&apos;s, e.g. Asia/Shanghai or America/New_York</source>
        <translation>组织所在时区，例如 Asia/Shanghai 或 America/New_York</translation>
    </message>
    <message>
        <source>&amp;Dates like 05/06/2026:</source>
        <translation>05/06/2026 这类日期(&amp;D)：</translation>
    </message>
    <message>
        <source>How to read dates such as 05/06/2026</source>
        <translation>如何解读 05/06/2026 这类日期</translation>
    </message>
    <message>
        <source>Detect from the file</source>
        <translation>根据文件自动识别</translation>
    </message>
    <message>
        <source>Month first (mdy)</source>
        <translation>月在前（月/日/年）</translation>
    </message>
    <message>
        <source>Day first (dmy)</source>
        <translation>日在前（日/月/年）</translation>
    </message>
    <message>
        <source>Import tasks as d&amp;rafts (publish them later)</source>
        <translation>将任务导入为草稿(&amp;R)（稍后发布）</translation>
    </message>
    <message>
        <source>Import tasks as drafts</source>
        <translation>将任务导入为草稿</translation>
    </message>
    <message>
        <source>You coordinate no organisation, so there is nowhere to import to.</source>
        <translation>您没有协调任何组织，因此无处可导入。</translation>
    </message>
    <message>
        <source>CSV in any common encoding, or XLSX. Next you say which column is which; nothing is stored before the last step. Ongoing roles become a weekly window, not one long one; places such as 9999 (&quot;as many as possible&quot;) are capped at 50.</source>
        <translation>CSV（任意常见编码）或 XLSX。下一步您将指定每一列对应的内容；最后一步之前不会保存任何数据。长期岗位会变成每周的一个时间段，而不是一个很长的时间段；诸如 9999（“越多越好”）之类的名额数会被限制为 50。</translation>
    </message>
    <message>
        <source>CSV in any common encoding, or XLSX. Each new volunteer gets an account with a generated password, shown once after the import; people who have an account already only get the volunteer role.</source>
        <translation>CSV（任意常见编码）或 XLSX。每位新志愿者都会获得一个账户和自动生成的密码，密码在导入后只显示一次；已有账户的人只会获得志愿者角色。</translation>
    </message>
    <message>
        <source>Column for {field}</source>
        <translation>{field} 对应的列</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Filled in as you chose last time for a file with these columns.</source>
        <translation>已按您上次处理具有相同列的文件时的选择填写。</translation>
    </message>
    <message>
        <source>Columns whose header names a field are filled in; choose the others.</source>
        <translation>表头标明了字段的列已自动填入；其余的请您选择。</translation>
    </message>
    <message>
        <source>Fields marked * are needed. The choice is remembered for files with the same columns.</source>
        <translation>标有 * 的字段为必填项。对于列相同的文件，会记住您的选择。</translation>
    </message>
    <message>
        <source>As they will be stored (first {count})</source>
        <translation>将保存的内容（前 {count} 行）</translation>
    </message>
    <message>
        <source>Rows as they will be stored</source>
        <translation>将保存的行</translation>
    </message>
    <message>
        <source>Problems and changes</source>
        <translation>问题和更改</translation>
    </message>
    <message>
        <source>Problems (row, column, value) and changes made</source>
        <translation>问题（行、列、值）及所做的更改</translation>
    </message>
    <message>
        <source>Import only the rows &amp;without problems</source>
        <translation>只导入没有问题的行(&amp;W)</translation>
    </message>
    <message>
        <source>Import only the rows without problems</source>
        <translation>只导入没有问题的行</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>New accounts and passwords</source>
        <translation>新账户和密码</translation>
    </message>
    <message>
        <source>{file}: {rows} rows; {valid} can be imported, {bad} have problems, {changed} changes made.</source>
        <translation>{file}：共 {rows} 行；{valid} 行可以导入，{bad} 行有问题，做了 {changed} 处更改。</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Location (latitude and longitude in one column)</source>
        <translation>位置（经纬度在同一列）</translation>
    </message>
    <message>
        <source>Remote (yes/no)</source>
        <translation>线上（是/否）</translation>
    </message>
    <message>
        <source>Start (date, maybe time)</source>
        <translation>开始（日期，可含时间）</translation>
    </message>
    <message>
        <source>End (date, maybe time)</source>
        <translation>结束（日期，可含时间）</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Window start (flexible tasks)</source>
        <translation>时间段开始（灵活时间任务）</translation>
    </message>
    <message>
        <source>Window end (flexible tasks)</source>
        <translation>时间段结束（灵活时间任务）</translation>
    </message>
    <message>
        <source>Minutes per volunteer</source>
        <translation>每位志愿者的分钟数</translation>
    </message>
    <message>
        <source>Hours per volunteer</source>
        <translation>每位志愿者的小时数</translation>
    </message>
    <message>
        <source>Recurrence (ongoing or onetime)</source>
        <translation>重复方式（ongoing 长期或 onetime 一次性）</translation>
    </message>
    <message>
        <source>Repeat weekly until</source>
        <translation>每周重复，直到</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Priority (1-5)</source>
        <translation>优先级（1-5）</translation>
    </message>
    <message>
        <source>Required skills (key:level; ...)</source>
        <translation>所需技能（代码:等级; ...）</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Travel radius (km)</source>
        <translation>服务半径（公里）</translation>
    </message>
    <message>
        <source>Skills (key:level; ...)</source>
        <translation>技能（代码:等级; ...）</translation>
    </message>
    <message>
        <source>Languages (en, zh, ...)</source>
        <translation>语言（en, zh, ...）</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Invite someone</source>
        <translation>邀请他人</translation>
    </message>
    <message>
        <source>Make an account for someone, with a role in an organisation.</source>
        <translation>为某人创建账户，并指定其在某个组织中的角色。</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>How others see them, e.g. Li Wei</source>
        <translation>其他人看到的名字，例如：李伟</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>The app makes a first password and shows it to you once, to pass on. On a shared server the account is also their own login to the database.</source>
        <translation>应用会生成一个初始密码，只向您显示一次，供您转交。在共享服务器上，这个账户也是此人自己的数据库登录名。</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type their email address and their name.</source>
        <translation>请输入对方的邮箱地址和姓名。</translation>
    </message>
    <message>
        <source>There is no organisation to invite them to yet.</source>
        <translation>还没有可以邀请对方加入的组织。</translation>
    </message>
    <message>
        <source>Making the account…</source>
        <translation>正在创建账户…</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <source>{title} — {organisation}</source>
        <translation>{title} — {organisation}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Whom to ask</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>{organisation} (no contact given)</source>
        <translation>{organisation}（未提供联系人）</translation>
    </message>
    <message>
        <source>Cancelled: this task will not take place.</source>
        <translation>已取消：此任务不会进行。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Accept {title}</source>
        <translation>接受 {title}</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>拒绝(&amp;D)…</translation>
    </message>
    <message>
        <source>Decline {title}</source>
        <translation>拒绝 {title}</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Showing {shown} of {total}</source>
        <translation>显示 {shown} / 共 {total} 条</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>没有与“{text}”匹配的内容。</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>这里还没有内容。</translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation>（正在加载…）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Volunteer App</source>
        <translation>志愿者助手</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>My &amp;home address…</source>
        <translation>我的家庭住址(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About Volunteer App</source>
        <translation>关于志愿者助手(&amp;A)</translation>
    </message>
    <message>
        <source>Organisation &amp;transparency…</source>
        <translation>组织透明度(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Verify a certificate…</source>
        <translation>核验证明(&amp;V)…</translation>
    </message>
    <message>
        <source>Check the hours &amp;ledger</source>
        <translation>检查时长台账(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Issue a certificate…</source>
        <translation>开具证明(&amp;I)…</translation>
    </message>
    <message>
        <source>VOLUNTEERING</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <source>COORDINATING</source>
        <translation>协调管理</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>功能区</translation>
    </message>
    <message>
        <source>Current area</source>
        <translation>当前功能区</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
    <message>
        <source>Signed in as {name} ({email})</source>
        <translation>当前用户：{name}（{email}）</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <source>Reconnecting to the database…</source>
        <translation>正在重新连接数据库…</translation>
    </message>
    <message>
        <source>Connected again</source>
        <translation>已重新连接</translation>
    </message>
    <message>
        <source>{area} ({count})</source>
        <translation>{area}（{count}）</translation>
    </message>
    <message>
        <source>{area}: 1 new notice</source>
        <translation>{area}：1 条新通知</translation>
    </message>
    <message>
        <source>{area}: {count} new notices</source>
        <translation>{area}：{count} 条新通知</translation>
    </message>
    <message>
        <source>The new database location takes effect when you restart the app.</source>
        <translation>新的数据库位置将在重新启动应用后生效。</translation>
    </message>
    <message>
        <source>Hours ledger</source>
        <translation>时长台账</translation>
    </message>
    <message>
        <source>Intact: {entries} entries and {records} records checked; nothing was changed behind the app&apos;s back.</source>
        <translation>完好：已检查 {entries} 条台账记录和 {records} 条时长记录，没有发现绕过本程序的改动。</translation>
    </message>
    <message>
        <source>The ledger is broken: {count} problems. The first: {detail}</source>
        <translation>台账已被破坏：共 {count} 处问题。第一处：{detail}</translation>
    </message>
    <message>
        <source>Checking the hours ledger…</source>
        <translation>正在检查时长台账…</translation>
    </message>
    <message>
        <source>Choose an area on the left, or press:</source>
        <translation>请在左侧选择功能区，或按：</translation>
    </message>
    <message>
        <source>In a list, type in the filter box (Ctrl+F) to narrow it down and click a column header to sort. F5 reloads the list. Tab moves between the filter box and the list.</source>
        <translation>在列表中，可在筛选框（Ctrl+F）中输入文字缩小范围，点击列标题排序。按 F5 重新加载列表，按 Tab 键在筛选框和列表之间切换。</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
</context>
<context>
    <name>MyHoursPage</name>
    <message>
        <source>My hours</source>
        <translation>我的时长</translation>
    </message>
    <message>
        <source>This is &amp;wrong…</source>
        <translation>记录有误(&amp;W)…</translation>
    </message>
    <message>
        <source>This is wrong: ask for a correction of the selected record</source>
        <translation>记录有误：申请更正所选记录</translation>
    </message>
    <message>
        <source>Tell the coordinators what is wrong with the selected record.</source>
        <translation>告诉协调员所选记录哪里有误。</translation>
    </message>
    <message>
        <source>A record is &amp;missing…</source>
        <translation>缺少记录(&amp;M)…</translation>
    </message>
    <message>
        <source>Report a missing record</source>
        <translation>报告缺少的记录</translation>
    </message>
    <message>
        <source>You served a task but it has no record here.</source>
        <translation>您参加了某项任务，但这里没有相应的记录。</translation>
    </message>
    <message>
        <source>Show &amp;replaced records</source>
        <translation>显示已被替换的记录(&amp;R)</translation>
    </message>
    <message>
        <source>Show replaced records</source>
        <translation>显示已被替换的记录</translation>
    </message>
    <message>
        <source>My hours records</source>
        <translation>我的时长记录</translation>
    </message>
    <message>
        <source>Select a record and press “This is wrong…” if something in it is wrong.</source>
        <translation>选中一条记录，如果其中有错误，请按“记录有误…”。</translation>
    </message>
    <message>
        <source>Verified hours by month</source>
        <translation>按月统计的已核实时长</translation>
    </message>
    <message>
        <source>Verified hours in total</source>
        <translation>已核实时长总计</translation>
    </message>
    <message>
        <source>Hours overview, certificates and imported hours</source>
        <translation>时长概览、证明和导入的时长</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Certificates</source>
        <translation>证明(&amp;C)</translation>
    </message>
    <message>
        <source>Impor&amp;ted hours</source>
        <translation>导入的时长(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;quest a certificate…</source>
        <translation>申请证明(&amp;Q)…</translation>
    </message>
    <message>
        <source>Request a certificate</source>
        <translation>申请证明</translation>
    </message>
    <message>
        <source>Ask an organisation you served with for a signed certificate of your verified hours.</source>
        <translation>向您服务过的组织申请为您的已核实时长开具签名证明。</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>保存 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the selected certificate as a PDF</source>
        <translation>将选中的证明保存为 PDF</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the selected certificate</source>
        <translation>打印选中的证明</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>我的证明</translation>
    </message>
    <message>
        <source>Select an issued certificate to save it as a PDF or print it.</source>
        <translation>请选择一份已开具的证明，将其保存为 PDF 或打印。</translation>
    </message>
    <message>
        <source>Each certificate carries a QR code that anyone can check offline with the app&apos;s “Verify a certificate”.</source>
        <translation>每份证明都附有二维码，任何人都可以用本应用的“核验证明”功能离线核验。</translation>
    </message>
    <message>
        <source>&amp;Import a statement…</source>
        <translation>导入时长证明文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a signed hour statement</source>
        <translation>导入已签名的时长证明文件</translation>
    </message>
    <message>
        <source>Add hours signed by another organisation (a statement file they or you exported).</source>
        <translation>添加由其他组织签名的时长（由对方或您导出的时长证明文件）。</translation>
    </message>
    <message>
        <source>E&amp;xport my statement…</source>
        <translation>导出我的时长证明文件(&amp;X)…</translation>
    </message>
    <message>
        <source>Export my signed hour statement</source>
        <translation>导出我已签名的时长证明文件</translation>
    </message>
    <message>
        <source>Save your signed certificates as a statement file another installation can import.</source>
        <translation>将您已签名的证明保存为时长证明文件，以便在其他安装中导入。</translation>
    </message>
    <message>
        <source>Imported hours</source>
        <translation>导入的时长</translation>
    </message>
    <message>
        <source>Loading your hours…</source>
        <translation>正在加载您的时长…</translation>
    </message>
    <message>
        <source>No hours recorded yet. After a task, the coordinator checks you out and your hours appear here.</source>
        <translation>还没有时长记录。任务结束后，协调员为您签退，您的时长就会显示在这里。</translation>
    </message>
    <message>
        <source>{verified} verified in total · {pending} waiting for verification</source>
        <translation>已核实共 {verified} · 待核实 {pending}</translation>
    </message>
    <message>
        <source>Nothing verified yet.</source>
        <translation>尚无已核实的时长。</translation>
    </message>
    <message>
        <source>By organisation</source>
        <translation>按组织</translation>
    </message>
    <message>
        <source>By year</source>
        <translation>按年份</translation>
    </message>
    <message>
        <source>{title} — {organisation}</source>
        <translation>{title} — {organisation}</translation>
    </message>
    <message>
        <source>Your request was sent. The coordinators will answer it here.</source>
        <translation>您的申请已发送。协调员会在这里答复您。</translation>
    </message>
    <message>
        <source>Your certificate request was sent. Once it is issued you can save and print it here.</source>
        <translation>您的证明申请已发送。证明开具后，您可以在这里保存和打印。</translation>
    </message>
    <message>
        <source>Save the certificate</source>
        <translation>保存证明</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Certificate saved to {path}.</source>
        <translation>证明已保存到 {path}。</translation>
    </message>
    <message>
        <source>Printing is not available here; save the PDF and print it instead.</source>
        <translation>此处无法打印，请保存 PDF 后再打印。</translation>
    </message>
    <message>
        <source>No imported hours. Import a statement another organisation signed for you, and its hours appear here, marked by who signed them.</source>
        <translation>没有导入的时长。导入其他组织为您签名的时长证明文件后，其中的时长会显示在这里，并标明签名方。</translation>
    </message>
    <message>
        <source>{hours} signed by {count} organisation(s) across your statements (days covered by more than one part count once)</source>
        <translation>您的时长证明文件中共有 {count} 个组织签名的 {hours}（被多个部分覆盖的日期只计一次）</translation>
    </message>
    <message>
        <source>Import an hour statement</source>
        <translation>导入时长证明文件</translation>
    </message>
    <message>
        <source>Hour statements (*.json);;All files (*)</source>
        <translation>时长证明文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported {count} signed part(s) from {organisations}.</source>
        <translation>已从 {organisations} 导入 {count} 个已签名部分。</translation>
    </message>
    <message>
        <source>{count} part(s) were here already.</source>
        <translation>有 {count} 个部分此前已存在。</translation>
    </message>
    <message>
        <source>Everything in this statement was imported already.</source>
        <translation>此时长证明文件中的全部内容都已导入过。</translation>
    </message>
    <message>
        <source>Export my hour statement</source>
        <translation>导出我的时长证明文件</translation>
    </message>
    <message>
        <source>hour statement.json</source>
        <translation>时长证明文件.json</translation>
    </message>
    <message>
        <source>Hour statements (*.json)</source>
        <translation>时长证明文件 (*.json)</translation>
    </message>
    <message>
        <source>Your statement ({count} signed part(s)) was saved to {path}.</source>
        <translation>您的时长证明文件（{count} 个已签名部分）已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>MySchedulePage</name>
    <message>
        <source>Your tasks by date, proposals waiting for your answer and your places on waitlists. Times are on the clock of the place where each task happens.</source>
        <translation>按日期列出您的任务、等待您答复的邀请，以及您在候补名单中的位置。时间均按任务所在地的当地时间显示。</translation>
    </message>
    <message>
        <source>Show &amp;past tasks</source>
        <translation>显示已结束的任务(&amp;P)</translation>
    </message>
    <message>
        <source>Show past tasks</source>
        <translation>显示已结束的任务</translation>
    </message>
    <message>
        <source>&amp;Export to calendar…</source>
        <translation>导出到日历(&amp;E)…</translation>
    </message>
    <message>
        <source>Export to calendar</source>
        <translation>导出到日历</translation>
    </message>
    <message>
        <source>Save your confirmed tasks as an .ics file for your calendar program</source>
        <translation>将已确认的任务保存为 .ics 文件，供您的日历程序使用</translation>
    </message>
    <message>
        <source>Loading your schedule…</source>
        <translation>正在加载您的日程…</translation>
    </message>
    <message>
        <source>Nothing planned yet. Find a task in Tasks for me: tasks you sign up for, and tasks coordinators propose to you, appear here.</source>
        <translation>还没有任何安排。请在“为我推荐”中寻找任务：您报名的任务以及协调员邀请您参加的任务都会显示在这里。</translation>
    </message>
    <message>
        <source>What changed ({count})</source>
        <translation>最新变动（{count}）</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Mark all notices as read</source>
        <translation>将所有通知标为已读</translation>
    </message>
    <message>
        <source>Proposals: can you do these? ({count})</source>
        <translation>邀请：您能参加吗？（{count}）</translation>
    </message>
    <message>
        <source>Upcoming ({count})</source>
        <translation>即将进行（{count}）</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>即将进行</translation>
    </message>
    <message>
        <source>No confirmed task yet. Accept a proposal, or find a task in Tasks for me.</source>
        <translation>还没有已确认的任务。请接受一个邀请，或在“为我推荐”中寻找任务。</translation>
    </message>
    <message>
        <source>On the waitlist ({count})</source>
        <translation>候补中（{count}）</translation>
    </message>
    <message>
        <source>When a place frees up, the first in line gets it and the task moves to Upcoming.</source>
        <translation>有名额空出时，排在最前面的人将获得该名额，任务随即移到“即将进行”中。</translation>
    </message>
    <message>
        <source>Past ({count})</source>
        <translation>已结束（{count}）</translation>
    </message>
    <message>
        <source>No past tasks.</source>
        <translation>没有已结束的任务。</translation>
    </message>
    <message>
        <source>You are signed up for {title}.</source>
        <translation>您已报名 {title}。</translation>
    </message>
    <message>
        <source>Decline this task?</source>
        <translation>拒绝此任务？</translation>
    </message>
    <message>
        <source>Decline “{title}”? It will not be proposed to you again, and the place can go to someone else.</source>
        <translation>确定拒绝“{title}”吗？此任务将不会再邀请您参加，名额可以让给其他人。</translation>
    </message>
    <message>
        <source>You declined {title}.</source>
        <translation>您已拒绝 {title}。</translation>
    </message>
    <message>
        <source>Calendar files (*.ics);;All files (*)</source>
        <translation>日历文件 (*.ics);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved {count} task(s) to {path}. Open that file with your calendar program to add them.</source>
        <translation>已将 {count} 项任务保存到 {path}。用您的日历程序打开该文件即可添加这些任务。</translation>
    </message>
    <message>
        <source>Exporting your schedule…</source>
        <translation>正在导出您的日程…</translation>
    </message>
    <message>
        <source>Could not save the calendar file: {reason}</source>
        <translation>无法保存日历文件：{reason}</translation>
    </message>
</context>
<context>
    <name>NoticeRow</name>
    <message>
        <source>{date}, {time}</source>
        <translation>{date} {time}</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Mark as read: {text}</source>
        <translation>标为已读：{text}</translation>
    </message>
</context>
<context>
    <name>NoticeWatch</name>
    <message>
        <source>{text}
and {more} more in My schedule</source>
        <extracomment>Which topics each page shows. A page left out is a form (a reload would throw away what is being typed: profile, free hours, organisation) or work in progress (the assignment review); F5 still works. The page that lists notices (its sidebar item carries the badge). After a first change, further changes within this time refresh once. At quit: how long to wait for listener threads to end (each ends within a wait slice). The topics another connection changed (a ``set`` of ``services.live`` topic names). ``&quot;connected&quot;``, ``&quot;reconnecting&quot;`` or ``&quot;connected again&quot;``. A notice (or several) arrived: title, text (shown in the tray when there is one). The person clicked the tray message: show the notices.</extracomment>
        <translation>{text}
我的日程中还有 {more} 条</translation>
    </message>
    <message>
        <source>Volunteer App: news</source>
        <translation>志愿者助手：新消息</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>News about “{title}”.</source>
        <translation>关于“{title}”的消息。</translation>
    </message>
    <message>
        <source>a task</source>
        <translation>一项任务</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>“{title}” on {when} was cancelled by {organisation}.</source>
        <translation>{organisation} 取消了 {when} 的“{title}”。</translation>
    </message>
    <message>
        <source>“{title}” changed: it is now {when}.</source>
        <translation>“{title}”有变动：现改为 {when}。</translation>
    </message>
    <message>
        <source>{organisation} took you off “{title}” on {when}.</source>
        <translation>{organisation} 已将您从 {when} 的“{title}”中移除。</translation>
    </message>
    <message>
        <source>{organisation} asks whether you can do “{title}” on {when}.</source>
        <translation>{organisation} 询问您能否参加 {when} 的“{title}”。</translation>
    </message>
    <message>
        <source>A place freed up: you are now signed up for “{title}” on {when}.</source>
        <translation>有名额空出：您现已报名 {when} 的“{title}”。</translation>
    </message>
    <message>
        <source>A place freed up on “{title}” ({when}): accept or decline it in My schedule.</source>
        <translation>“{title}”（{when}）有名额空出：请在“我的日程”中接受或拒绝。</translation>
    </message>
    <message>
        <source>{organisation} verified your hours for “{title}”.</source>
        <translation>{organisation} 已核实您在“{title}”中的时长。</translation>
    </message>
    <message>
        <source>{organisation} did not verify your hours for “{title}”: {reason}</source>
        <translation>{organisation} 未核实您在“{title}”中的时长：{reason}</translation>
    </message>
    <message>
        <source>{organisation} answered your request about “{title}”: {reason}</source>
        <translation>{organisation} 答复了您关于“{title}”的申请：{reason}</translation>
    </message>
    <message>
        <source>{organisation} accepted your request about “{title}”: a corrected record waits for verification.</source>
        <translation>{organisation} 接受了您关于“{title}”的申请：更正后的记录正在等待核实。</translation>
    </message>
    <message>
        <source>{organisation} declined your request about “{title}”: {reason}</source>
        <translation>{organisation} 拒绝了您关于“{title}”的申请：{reason}</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>You do not coordinate any organisation.</source>
        <translation>您没有协调任何组织。</translation>
    </message>
    <message>
        <source>The organisation&apos;s seal</source>
        <translation>组织的公章</translation>
    </message>
    <message>
        <source>No seal</source>
        <translation>无公章</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>无法显示此图片</translation>
    </message>
    <message>
        <source>Choose the seal image</source>
        <translation>选择公章图片</translation>
    </message>
    <message>
        <source>Seal images (*.png *.svg)</source>
        <translation>公章图片 (*.png *.svg)</translation>
    </message>
    <message>
        <source>New seal chosen: {name}. Save to keep it.</source>
        <translation>已选择新公章：{name}。请保存以保留。</translation>
    </message>
    <message>
        <source>Cannot read {name}: {problem}</source>
        <translation>无法读取 {name}：{problem}</translation>
    </message>
    <message>
        <source>The seal will be removed when you save.</source>
        <translation>保存后将删除公章。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing had changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>A PNG or SVG image of at most 1 MB; certificates will carry it.</source>
        <translation>不超过 1 MB 的 PNG 或 SVG 图片；证明上将带有此公章。</translation>
    </message>
    <message>
        <source>You are an admin of {name}: you can change these settings. Every change is recorded.</source>
        <translation>您是 {name} 的管理员：您可以更改这些设置。每次更改都会被记录。</translation>
    </message>
    <message>
        <source>Only the admins of {name} can change these settings; you can read them.</source>
        <translation>只有 {name} 的管理员可以更改这些设置；您可以查看。</translation>
    </message>
    <message>
        <source>Every minute counts</source>
        <translation>每分钟都计入</translation>
    </message>
    <message>
        <source>6 minutes (tenths of an hour)</source>
        <translation>6 分钟（0.1 小时）</translation>
    </message>
    <message>
        <source>15 minutes (quarter hours)</source>
        <translation>15 分钟（一刻钟）</translation>
    </message>
    <message>
        <source>30 minutes (half hours)</source>
        <translation>30 分钟（半小时）</translation>
    </message>
    <message>
        <source>60 minutes (whole hours)</source>
        <translation>60 分钟（整小时）</translation>
    </message>
    <message>
        <source>{minutes} minutes</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>No key yet: one is made when a coordinator exports it.</source>
        <translation>尚无公钥：协调员导出时会自动生成。</translation>
    </message>
    <message>
        <source>Fingerprint of the organisation&apos;s key: {fingerprint}</source>
        <translation>组织公钥的指纹：{fingerprint}</translation>
    </message>
    <message>
        <source>Fingerprint {fingerprint}</source>
        <translation>指纹 {fingerprint}</translation>
    </message>
    <message>
        <source>Imported by {person}</source>
        <translation>由 {person} 导入</translation>
    </message>
    <message>
        <source>Export the public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Public key, JSON (*.json)</source>
        <translation>公钥，JSON (*.json)</translation>
    </message>
    <message>
        <source>Public key, PEM (*.pem)</source>
        <translation>公钥，PEM (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the public key to {name}.</source>
        <translation>公钥已写入 {name}。</translation>
    </message>
    <message>
        <source>Cannot write {name}: {problem}</source>
        <translation>无法写入 {name}：{problem}</translation>
    </message>
    <message>
        <source>Import another organisation&apos;s public key</source>
        <translation>导入其他组织的公钥</translation>
    </message>
    <message>
        <source>Public keys (*.json *.pem);;All files (*)</source>
        <translation>公钥 (*.json *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The key of {organisation} is trusted now.</source>
        <translation>{organisation} 的公钥现已受信任。</translation>
    </message>
    <message>
        <source>Name the organisation</source>
        <translation>指定组织名称</translation>
    </message>
    <message>
        <source>{file} does not say whose key it is. Which organisation&apos;s key is it?</source>
        <translation>{file} 中没有说明这是谁的公钥。这是哪个组织的公钥？</translation>
    </message>
    <message>
        <source>it is not a text file</source>
        <translation>它不是文本文件</translation>
    </message>
    <message>
        <source>Stop trusting this key?</source>
        <translation>不再信任此公钥？</translation>
    </message>
    <message>
        <source>Stop trusting the key of {organisation} ({fingerprint})? Certificates and statements it signed will no longer be accepted here.</source>
        <translation>要不再信任 {organisation} 的公钥（{fingerprint}）吗？此后这里将不再接受用它签名的证明和时长证明文件。</translation>
    </message>
    <message>
        <source>The key of {organisation} is no longer trusted.</source>
        <translation>{organisation} 的公钥已不再受信任。</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Certificates from this organisation are signed with its key. Give the public key to those who check them, and compare the fingerprint by phone.</source>
        <translation>本组织的证明均用其密钥签名。请将公钥提供给核验证明的人，并通过电话核对指纹。</translation>
    </message>
    <message>
        <source>&amp;Fingerprint:</source>
        <translation>指纹(&amp;F)：</translation>
    </message>
    <message>
        <source>E&amp;xport public key…</source>
        <translation>导出公钥(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the organisation&apos;s public key</source>
        <translation>导出组织的公钥</translation>
    </message>
    <message>
        <source>Save the public key as a small file (JSON, or PEM for a .pem name)</source>
        <translation>将公钥保存为一个小文件（JSON 格式；文件名以 .pem 结尾时为 PEM 格式）</translation>
    </message>
    <message>
        <source>Trusted &amp;keys of other organisations:</source>
        <translation>其他组织的受信任的公钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Certificates signed with these keys are accepted here; this database&apos;s own organisations need none.</source>
        <translation>这里接受用这些公钥签名的证明；本数据库自己的组织不需要添加。</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Trusted keys of other organisations</source>
        <translation>其他组织的受信任的公钥</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>移除(&amp;M)…</translation>
    </message>
    <message>
        <source>Stop trusting the selected key</source>
        <translation>不再信任选中的公钥</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Which organisation</source>
        <translation>选择组织</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>How hours are credited</source>
        <translation>时长计算方式</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Contact &amp;email:</source>
        <translation>联系邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>Contact &amp;phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Person in &amp;charge:</source>
        <translation>负责人(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Handler (经办人):</source>
        <translation>经办人(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>Round &amp;down to:</source>
        <translation>向下取整到(&amp;D)：</translation>
    </message>
    <message>
        <source>Least a&amp;ttendance:</source>
        <translation>最低出勤比例(&amp;T)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Contact email</source>
        <translation>联系邮箱</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Person in charge</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>New tasks take this zone; their times are shown on its clock.</source>
        <translation>新任务默认使用此时区；任务时间按此时区显示。</translation>
    </message>
    <message>
        <source>Round credit down to</source>
        <translation>时长向下取整到</translation>
    </message>
    <message>
        <source>Least share of a stint attended for any credit</source>
        <translation>计入时长所需的最低出勤比例</translation>
    </message>
    <message>
        <source>Below this share of the planned stint, no hours are credited.</source>
        <translation>实际出勤低于计划时长的这一比例时，不计入任何时长。</translation>
    </message>
    <message>
        <source>Credit &amp;never exceeds the stint&apos;s length</source>
        <translation>计入时长不超过计划时长(&amp;N)</translation>
    </message>
    <message>
        <source>What volunteers read:</source>
        <translation>志愿者看到的说明：</translation>
    </message>
    <message>
        <source>Choose &amp;seal…</source>
        <translation>选择公章(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Remove seal</source>
        <translation>删除公章(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>Show the saved settings again</source>
        <translation>重新显示已保存的设置</translation>
    </message>
</context>
<context>
    <name>PasswordOnceDialog</name>
    <message>
        <source>Account made</source>
        <translation>账户已创建</translation>
    </message>
    <message>
        <source>{name} can sign in now</source>
        <translation>{name} 现在可以登录了</translation>
    </message>
    <message>
        <source>{name} ({email}) is now a {role} of {organisation}. Their first password:</source>
        <translation>{name}（{email}）现在是 {organisation} 的{role}。其初始密码：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>First password of {email}</source>
        <translation>{email} 的初始密码</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>复制密码</translation>
    </message>
    <message>
        <source>Copied. Paste it where only they will read it.</source>
        <translation>已复制。请粘贴到只有对方能看到的地方。</translation>
    </message>
    <message>
        <source>This password is shown this once: the app does not keep it where anyone can read it again. Pass it on to them safely; they can change it after signing in (File → Change password).</source>
        <translation>此密码只显示这一次：应用不会把它保存在任何人能再次读取的地方。请安全地转交给对方；对方登录后可以修改（文件 → 修改密码）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PlaceField</name>
    <message>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>online map</source>
        <translation>在线地图</translation>
    </message>
    <message>
        <source>built-in city list</source>
        <translation>内置城市列表</translation>
    </message>
    <message>
        <source>typed coordinates</source>
        <translation>输入的坐标</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>district</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>region</source>
        <translation>省/地区</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>The online map could not be reached; showing cities from the built-in list. You can also type coordinates as &apos;latitude, longitude&apos;.</source>
        <translation>无法连接在线地图，现显示内置列表中的城市。您也可以按“纬度, 经度”的格式输入坐标。</translation>
    </message>
    <message>
        <source>Showing cities from the built-in list. You can also type coordinates as &apos;latitude, longitude&apos;.</source>
        <translation>现显示内置列表中的城市。您也可以按“纬度, 经度”的格式输入坐标。</translation>
    </message>
    <message>
        <source>Try a city name, or type coordinates as &apos;latitude, longitude&apos;.</source>
        <translation>请尝试输入城市名，或按“纬度, 经度”的格式输入坐标。</translation>
    </message>
    <message>
        <source>{problem} {what_now}</source>
        <translation>{problem}{what_now}</translation>
    </message>
    <message>
        <source>Search stopped. The list shows what was found on this computer; you can also type coordinates as &apos;latitude, longitude&apos;.</source>
        <extracomment>The chosen ``Place`` (None when nothing is chosen or &quot;Remote / no place&quot; is ticked). The background part of a search ended (answered, failed, stopped or superseded).</extracomment>
        <translation>搜索已停止。列表显示的是在本机找到的结果；您也可以按“纬度, 经度”的格式输入坐标。</translation>
    </message>
    <message>
        <source>Nothing found on this computer. Try a city name, or type coordinates as &apos;latitude, longitude&apos;.</source>
        <translation>在本机没有找到结果。请尝试输入城市名，或按“纬度, 经度”的格式输入坐标。</translation>
    </message>
    <message>
        <source>{coordinates} · found in: {source} · precision: {precision}</source>
        <translation>{coordinates} · 来源：{source} · 精度：{precision}</translation>
    </message>
    <message>
        <source>Street and city, a city, or coordinates such as 30.27, 120.15</source>
        <translation>街道和城市、城市名，或坐标（例如 30.27, 120.15）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Type an address, a city or coordinates, then press Enter to find it.</source>
        <translation>输入地址、城市或坐标，然后按回车键查找。</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Find the address</source>
        <translation>查找地址</translation>
    </message>
    <message>
        <source>Find the address (Enter)</source>
        <translation>查找地址（回车）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop searching the online map</source>
        <translation>停止搜索在线地图</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>正在搜索</translation>
    </message>
    <message>
        <source>Searching the online map…</source>
        <translation>正在搜索在线地图…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Places found</source>
        <translation>找到的地点</translation>
    </message>
    <message>
        <source>Use the arrow keys to choose a place.</source>
        <translation>使用方向键选择地点。</translation>
    </message>
    <message>
        <source>Remote / no place</source>
        <translation>线上 / 无地点</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Nice to have</source>
        <translation>有则更好</translation>
    </message>
    <message>
        <source>Helpful</source>
        <translation>有帮助</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Important: hard to do without</source>
        <translation>重要：缺了很难进行</translation>
    </message>
    <message>
        <source>Urgent: nobody else will do it</source>
        <translation>紧急：没有其他人会做</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>Not set yet: tasks near you can only be found once it is.</source>
        <translation>尚未设置：设置后才能为您找到附近的任务。</translation>
    </message>
    <message>
        <source>A point on the map ({latitude}, {longitude})</source>
        <translation>地图上的一个点（{latitude}, {longitude}）</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>关于您</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>How others see you, e.g. Li Wei</source>
        <translation>其他人看到的名字，例如：李伟</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Email (your sign-in, cannot be changed here)</source>
        <translation>邮箱（您的登录账号，不能在此更改）</translation>
    </message>
    <message>
        <source>Your sign-in; an administrator can change it.</source>
        <translation>您的登录账号；管理员可以更改。</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Optional, e.g. +86 138 0000 0000</source>
        <translation>选填，例如 +86 138 0000 0000</translation>
    </message>
    <message>
        <source>L&amp;anguages:</source>
        <translation>语言(&amp;A)：</translation>
    </message>
    <message>
        <source>Languages you speak</source>
        <translation>您会说的语言</translation>
    </message>
    <message>
        <source>Language codes, e.g. zh, en</source>
        <translation>语言代码，例如 zh, en</translation>
    </message>
    <message>
        <source>&amp;Home:</source>
        <translation>住址(&amp;H)：</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Change my home address</source>
        <translation>更改我的住址</translation>
    </message>
    <message>
        <source>How you help</source>
        <translation>服务偏好</translation>
    </message>
    <message>
        <source>&amp;Travel up to:</source>
        <translation>服务半径(&amp;T)：</translation>
    </message>
    <message>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <source>How far you will travel, in kilometres</source>
        <translation>您愿意前往的最远距离（公里）</translation>
    </message>
    <message>
        <source>&amp;Weekly limit:</source>
        <translation>每周上限(&amp;W)：</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>Limit my hours each week</source>
        <translation>限制我每周的时长</translation>
    </message>
    <message>
        <source>hours a week</source>
        <translation>小时/周</translation>
    </message>
    <message>
        <source>Hours a week at most</source>
        <translation>每周最多小时数</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>What you tell here decides which tasks are suggested to you: how far you go, how many hours a week, and what you can do. Only you and the coordinators of your organisations see it.</source>
        <translation>您在这里填写的信息决定了向您推荐哪些任务：您愿意去多远、每周多少小时，以及您能做什么。只有您和您所在组织的协调员可以看到。</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存资料(&amp;S)</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存资料</translation>
    </message>
    <message>
        <source>You have unsaved changes: save them first, or they stay as typed.</source>
        <translation>您有未保存的更改：请先保存，否则这些更改只会停留在表单中。</translation>
    </message>
    <message>
        <source>No profile saved yet: fill it in and press Save.</source>
        <translation>尚未保存资料：请填写后按“保存”。</translation>
    </message>
    <message>
        <source>Unsaved changes: press Save (Ctrl+S) to keep them.</source>
        <translation>有未保存的更改：按“保存”（Ctrl+S）以保留。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>资料已保存。</translation>
    </message>
    <message>
        <source>Not saved: correct the field marked in red.</source>
        <translation>未保存：请更正标红的字段。</translation>
    </message>
</context>
<context>
    <name>ProfileSetupPage</name>
    <message>
        <source>Your volunteer profile</source>
        <translation>您的志愿者资料</translation>
    </message>
    <message>
        <source>What you can do, how far you travel and how many hours a week. You can change it later.</source>
        <translation>您能做什么、愿意去多远、每周多少小时。以后可以更改。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The volunteer reads this reason.</source>
        <translation>志愿者会看到这个原因。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>It is {km} km from your home.</source>
        <translation>距离您家 {km} 公里。</translation>
    </message>
    <message>
        <source>You can do it from anywhere: it is remote.</source>
        <translation>这是线上任务，您在任何地方都可以参加。</translation>
    </message>
    <message>
        <source>It needs no special skills.</source>
        <translation>不需要特殊技能。</translation>
    </message>
    <message>
        <source>It fits your skills: {skills}.</source>
        <translation>符合您的技能：{skills}。</translation>
    </message>
    <message>
        <source>{skill} (you have level {held}, it needs {needed})</source>
        <translation>{skill}（您的等级为 {held}，需要 {needed}）</translation>
    </message>
    <message>
        <source>It falls in your free time: {time}.</source>
        <translation>在您的空闲时间内：{time}。</translation>
    </message>
    <message>
        <source>{left} of {of} places are still open.</source>
        <translation>{of} 个名额中还有 {left} 个空缺。</translation>
    </message>
    <message>
        <source>Only one of {of} places is still open.</source>
        <translation>{of} 个名额中只剩 1 个空缺。</translation>
    </message>
    <message>
        <source>Its one place is still open.</source>
        <translation>唯一的名额仍然空缺。</translation>
    </message>
    <message>
        <source>All {of} places are taken: you can join the waitlist.</source>
        <translation>{of} 个名额均已报满：您可以加入候补名单。</translation>
    </message>
    <message>
        <source>It starts soon, in about {hours} hours.</source>
        <translation>即将开始，大约还有 {hours} 小时。</translation>
    </message>
    <message>
        <source>It starts within the hour.</source>
        <translation>将在一小时内开始。</translation>
    </message>
    <message>
        <source>The organiser marked it as somewhat important (priority 2 of 5).</source>
        <translation>组织者将其标为较重要（优先级 2/5）。</translation>
    </message>
    <message>
        <source>The organiser marked it as important (priority 3 of 5).</source>
        <translation>组织者将其标为重要（优先级 3/5）。</translation>
    </message>
    <message>
        <source>The organiser marked it as very important (priority 4 of 5).</source>
        <translation>组织者将其标为非常重要（优先级 4/5）。</translation>
    </message>
    <message>
        <source>The organiser marked it as most urgent (priority 5 of 5).</source>
        <translation>组织者将其标为最紧急（优先级 5/5）。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Started: {title}</source>
        <extracomment>The stored schedule is read again at most this often (and at once after a change). A reminder&apos;s text when there is no tray to show it (the window shows it in its status bar). Each reminder given (for the window and tests): signup id, title, text.</extracomment>
        <translation>已开始：{title}</translation>
    </message>
    <message>
        <source>Soon: {title}</source>
        <translation>即将开始：{title}</translation>
    </message>
    <message>
        <source>{when}
{where}</source>
        <translation>{when}
{where}</translation>
    </message>
    <message>
        <source>Volunteer App: reminders</source>
        <translation>志愿者助手：提醒</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>&amp;All time</source>
        <translation>全部时间(&amp;A)</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Show the report</source>
        <translation>显示报表</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>将报表导出为 CSV</translation>
    </message>
    <message>
        <source>Transparency &amp;summary…</source>
        <translation>透明度摘要(&amp;S)…</translation>
    </message>
    <message>
        <source>Transparency summary</source>
        <translation>透明度摘要</translation>
    </message>
    <message>
        <source>Only verified hours count, each correction replacing the record it corrects. Fill rate and no-shows cover tasks that have already happened.</source>
        <translation>只统计已核实的时长，每条更正会替代它所更正的记录。满员率和缺席只统计已经进行过的任务。</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>By volunteer</source>
        <translation>按志愿者</translation>
    </message>
    <message>
        <source>By task</source>
        <translation>按任务</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Verified hours</source>
        <translation>已核实时长</translation>
    </message>
    <message>
        <source>Verified hours by {what}</source>
        <translation>按 {what} 统计的已核实时长</translation>
    </message>
    <message>
        <source>You coordinate no organisation yet, so there is nothing to report.</source>
        <translation>您还没有协调任何组织，因此没有可报告的内容。</translation>
    </message>
    <message>
        <source>verified hours</source>
        <translation>已核实时长</translation>
    </message>
    <message>
        <source>places filled ({filled} of {offered})</source>
        <translation>已填满名额（{filled} / {offered}）</translation>
    </message>
    <message>
        <source>no-shows</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>median days to verify</source>
        <translation>核实所需天数（中位数）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>Coming</source>
        <extracomment>Days shown after the first day, unless the person picks another range.</extracomment>
        <translation>将到场</translation>
    </message>
    <message>
        <source>Proposed, not yet accepted</source>
        <translation>已邀请，尚未接受</translation>
    </message>
    <message>
        <source>Offered a freed place</source>
        <translation>已获得空出的名额</translation>
    </message>
    <message>
        <source>Waitlist #{position}</source>
        <translation>候补第 {position} 位</translation>
    </message>
    <message>
        <source>Here (checked in)</source>
        <translation>已到场（已签到）</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>已签退</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>{hours}, waiting for verification</source>
        <translation>{hours}，待核实</translation>
    </message>
    <message>
        <source>{hours}, verified</source>
        <translation>{hours}，已核实</translation>
    </message>
    <message>
        <source>{hours}, rejected</source>
        <translation>{hours}，已驳回</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>在场</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stint</source>
        <translation>服务时段</translation>
    </message>
    <message>
        <source>In</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Pick a task on a day to see who is coming. Check people in when they arrive and out when they leave: checking out records their hours, credited by your organisation&apos;s rules, for verification.</source>
        <translation>选择某一天的任务，查看有谁会来。志愿者到达时为其签到，离开时为其签退：签退时会按您所在组织的规则计入服务时长，并提交核实。</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Filter by title</source>
        <translation>按标题筛选</translation>
    </message>
    <message>
        <source>Filter tasks by title</source>
        <translation>按标题筛选任务</translation>
    </message>
    <message>
        <source>Tasks on these days</source>
        <translation>这些日期的任务</translation>
    </message>
    <message>
        <source>Double-click a person to check them in, or out if they are here.</source>
        <translation>双击某人可为其签到；如其已在场，则为其签退。</translation>
    </message>
    <message>
        <source>Check &amp;in…</source>
        <translation>签到(&amp;I)…</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Check &amp;out…</source>
        <translation>签退(&amp;O)…</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>&amp;No-show</source>
        <translation>缺席(&amp;N)</translation>
    </message>
    <message>
        <source>Mark as a no-show</source>
        <translation>标记为缺席</translation>
    </message>
    <message>
        <source>Add &amp;walk-in…</source>
        <translation>添加现场加入者(&amp;W)…</translation>
    </message>
    <message>
        <source>Add a walk-in</source>
        <translation>添加现场加入的志愿者</translation>
    </message>
    <message>
        <source>Assign by &amp;hand…</source>
        <translation>手动分配(&amp;H)…</translation>
    </message>
    <message>
        <source>Assign someone by hand</source>
        <translation>手动分配人员</translation>
    </message>
    <message>
        <source>The first {count} tasks; narrow the days to see the rest.</source>
        <translation>仅显示前 {count} 项任务；缩小日期范围可查看其余任务。</translation>
    </message>
    <message>
        <source>No tasks of yours on these days.</source>
        <translation>这些日期没有您的任务。</translation>
    </message>
    <message>
        <source>Tasks: {count}</source>
        <translation>任务：{count}</translation>
    </message>
    <message>
        <source>No task chosen</source>
        <translation>未选择任务</translation>
    </message>
    <message>
        <source>Choose a task above to see its roster.</source>
        <translation>请在上方选择任务以查看其名单。</translation>
    </message>
    <message>
        <source>{title} — {organisation}</source>
        <translation>{title} — {organisation}</translation>
    </message>
    <message>
        <source>{when} · {taken} of {slots} places taken · {waiting} waiting · {here} here now</source>
        <translation>{when} · 已报名 {taken} / {slots} 个名额 · 候补 {waiting} 人 · 现在场 {here} 人</translation>
    </message>
    <message>
        <source>Hours are credited by these rules: {rules}</source>
        <translation>时长按以下规则计入：{rules}</translation>
    </message>
    <message>
        <source>Nobody is signed up yet. Add a walk-in or assign someone by hand.</source>
        <translation>还没有人报名。您可以添加现场加入的志愿者，或手动分配人员。</translation>
    </message>
    <message>
        <source>{name} checked in at {time}.</source>
        <translation>{name} 已于 {time} 签到。</translation>
    </message>
    <message>
        <source>{name} checked out at {time}: {hours} credited, waiting for verification. {why}</source>
        <translation>{name} 已于 {time} 签退：计入 {hours}，等待核实。{why}</translation>
    </message>
    <message>
        <source>{email} added as a walk-in, checked in at {time}.</source>
        <translation>已将 {email} 添加为现场加入者，并于 {time} 签到。</translation>
    </message>
    <message>
        <source>{name} marked as a no-show.</source>
        <translation>已将 {name} 标记为缺席。</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>proposed to them</source>
        <translation>已向其发出邀请</translation>
    </message>
    <message>
        <source>{email} assigned ({state}).</source>
        <translation>已分配 {email}（{state}）。</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>Remote: no travel</source>
        <translation>线上：无需出行</translation>
    </message>
    <message>
        <source>Place not given yet</source>
        <translation>尚未提供地点</translation>
    </message>
    <message>
        <source>{name} ({organisation})</source>
        <translation>{name}（{organisation}）</translation>
    </message>
    <message>
        <source>Flexible task, your time chosen within: {window}</source>
        <translation>灵活时间任务，您在此时间段内自选时间：{window}</translation>
    </message>
    <message>
        <source>Proposed by {name}</source>
        <translation>由 {name} 邀请</translation>
    </message>
    <message>
        <source>Suggested by the matching engine (run by {name})</source>
        <translation>由匹配引擎建议（由 {name} 运行）</translation>
    </message>
    <message>
        <source>Suggested by the matching engine</source>
        <translation>由匹配引擎建议</translation>
    </message>
    <message>
        <source>{ordinal} in line</source>
        <translation>排{ordinal}</translation>
    </message>
    <message>
        <source>{ordinal} in line of {total} waiting</source>
        <translation>{total} 人候补，您排{ordinal}</translation>
    </message>
    <message>
        <source>Next in line: you get the first place that frees up</source>
        <translation>下一位候补：空出的第一个名额将给您</translation>
    </message>
    <message>
        <source>{n}th</source>
        <translation>第 {n} 位</translation>
    </message>
    <message>
        <source>{n}st</source>
        <translation>第 {n} 位</translation>
    </message>
    <message>
        <source>{n}nd</source>
        <translation>第 {n} 位</translation>
    </message>
    <message>
        <source>{n}rd</source>
        <translation>第 {n} 位</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The window changes language at once.</source>
        <translation>窗口会立即切换语言。</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>数据库位置</translation>
    </message>
    <message>
        <source>The default file in your data folder</source>
        <translation>数据文件夹中的默认文件</translation>
    </message>
    <message>
        <source>Choose a database file</source>
        <translation>选择数据库文件</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>An SQLite file, or a server such as postgresql+psycopg://user@host/volunteers. A new location takes effect when you restart the app.</source>
        <translation>可以是 SQLite 文件，也可以是服务器，例如 postgresql+psycopg://user@host/volunteers。新位置在重新启动应用后生效。</translation>
    </message>
    <message>
        <source>&amp;Geocoding server:</source>
        <translation>地理编码服务器(&amp;G)：</translation>
    </message>
    <message>
        <source>Geocoding server address</source>
        <translation>地理编码服务器地址</translation>
    </message>
    <message>
        <source>The public OpenStreetMap Nominatim</source>
        <translation>公共 OpenStreetMap Nominatim 服务</translation>
    </message>
    <message>
        <source>Turns addresses into places on the map. Leave empty to use the public server.</source>
        <translation>用于把地址转换为地图上的位置。留空则使用公共服务器。</translation>
    </message>
    <message>
        <source>Work &amp;offline: find places only in the built-in city list</source>
        <translation>离线工作(&amp;O)：只在内置城市列表中查找地点</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <source>&amp;Remind me before a task:</source>
        <translation>任务前提醒我(&amp;R)：</translation>
    </message>
    <message>
        <source>Remind me before a task</source>
        <translation>任务前提醒我</translation>
    </message>
    <message>
        <source>While the app runs, a notification comes this long before each task you are signed up for.</source>
        <translation>应用运行期间，会在您已报名的每项任务开始前的这段时间发出通知。</translation>
    </message>
    <message>
        <source>An SQLite file, or a shared server such as postgresql+psycopg://db.example.org/volunteers, without a user or password: each person signs in with their own. A new location takes effect when you restart the app.</source>
        <translation>一个 SQLite 文件，或一台共享服务器，例如 postgresql+psycopg://db.example.org/volunteers，不含用户名和密码：每个人用自己的账户登录。新位置在重新启动应用后生效。</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Off: no reminders</source>
        <translation>关闭：不提醒</translation>
    </message>
    <message>
        <source>1 day before</source>
        <translation>提前 1 天</translation>
    </message>
    <message>
        <source>{days} days before</source>
        <translation>提前 {days} 天</translation>
    </message>
    <message>
        <source>{length} before</source>
        <translation>提前 {length}</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>“{value}” is not a database location this app can use. Give an SQLite file (sqlite:///path/to/file.sqlite3) or a PostgreSQL server (postgresql+psycopg://host/database).</source>
        <translation>“{value}”不是本应用可以使用的数据库位置。请提供一个 SQLite 文件（sqlite:///path/to/file.sqlite3）或一台 PostgreSQL 服务器（postgresql+psycopg://host/database）。</translation>
    </message>
    <message>
        <source>“{value}” holds a password, and a desktop&apos;s database location must not hold one. Give the server without a user or password (postgresql+psycopg://host/database): each person signs in with their own.</source>
        <translation>“{value}”中含有密码，而桌面端的数据库位置不能包含密码。请提供不含用户名和密码的服务器地址（postgresql+psycopg://host/database）：每个人用自己的账户登录。</translation>
    </message>
    <message>
        <source>“{value}” is not a web address: it should start with https://.</source>
        <translation>“{value}”不是网址：应以 https:// 开头。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to Volunteer App</source>
        <translation>登录志愿者助手</translation>
    </message>
    <message>
        <source>Use the email address and password of your account.</source>
        <translation>请使用您账户的邮箱地址和密码。</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <source>Sign in to the shared server</source>
        <translation>登录共享服务器</translation>
    </message>
    <message>
        <source>Use the email address and password of your account. Your administrator made the account and gave you its first password.</source>
        <translation>请使用您账户的邮箱地址和密码。账户由您的管理员创建，初始密码也由管理员交给您。</translation>
    </message>
    <message>
        <source>Signing in to {server}</source>
        <translation>登录到 {server}</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop signing in</source>
        <translation>停止登录</translation>
    </message>
    <message>
        <source>Type your email address and your password.</source>
        <translation>请输入邮箱地址和密码。</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>The server did not let this computer sign in. Ask your administrator to allow it.</source>
        <translation>服务器不允许这台电脑登录。请联系您的管理员开放权限。</translation>
    </message>
</context>
<context>
    <name>SignupDialog</name>
    <message>
        <source>Join the waitlist</source>
        <translation>加入候补名单</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>This task is flexible: {window}. Choose when you start; the times are on the task&apos;s clock.</source>
        <translation>这是灵活时间任务：{window}。请选择您的开始时间；时间按任务所在地的时区计算。</translation>
    </message>
    <message>
        <source>&amp;Start at:</source>
        <translation>开始时间(&amp;S)：</translation>
    </message>
    <message>
        <source>Start at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>No start inside this window fits your free hours and the tasks you already hold.</source>
        <translation>此时间段内没有同时符合您的空闲时间和已有任务安排的开始时间。</translation>
    </message>
    <message>
        <source>&amp;Join the waitlist</source>
        <translation>加入候补名单(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Sign up</source>
        <translation>报名(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SkillLevels</name>
    <message>
        <source>Beginner: I have tried it</source>
        <translation>入门：尝试过</translation>
    </message>
    <message>
        <source>Some experience, with help nearby</source>
        <translation>有一些经验，需要有人在旁协助</translation>
    </message>
    <message>
        <source>Can do it alone</source>
        <translation>能独立完成</translation>
    </message>
    <message>
        <source>Experienced: can guide others</source>
        <translation>经验丰富：能指导他人</translation>
    </message>
    <message>
        <source>Expert or certified</source>
        <translation>专家或持证</translation>
    </message>
</context>
<context>
    <name>SkillRows</name>
    <message>
        <source>Required skill</source>
        <translation>所需技能</translation>
    </message>
    <message>
        <source>Least level (1 to 5)</source>
        <translation>最低等级（1 到 5）</translation>
    </message>
    <message>
        <source>level </source>
        <translation>等级 </translation>
    </message>
    <message>
        <source>Remove this skill</source>
        <translation>删除此技能</translation>
    </message>
    <message>
        <source>Add s&amp;kill</source>
        <translation>添加技能(&amp;K)</translation>
    </message>
</context>
<context>
    <name>SkillsEditor</name>
    <message>
        <source>{level} · {words}</source>
        <extracomment>The ticked skills or a level changed.</extracomment>
        <translation>{level} · {words}</translation>
    </message>
    <message>
        <source>Choose a skill in the list to set your level.</source>
        <translation>请在列表中选择技能，以设置您的等级。</translation>
    </message>
    <message>
        <source>{skill} at level {level}: “{words}”. Tasks that ask for level {level} or lower can come to you.</source>
        <translation>{skill} {level} 级：“{words}”。要求 {level} 级或以下的任务会推荐给您。</translation>
    </message>
    <message>
        <source>Tick {skill}, or choose a level, to add it to your skills.</source>
        <translation>勾选 {skill} 或选择等级，即可将其加入您的技能。</translation>
    </message>
    <message>
        <source>&amp;Find a skill:</source>
        <translation>查找技能(&amp;F)：</translation>
    </message>
    <message>
        <source>Type part of its name</source>
        <translation>输入技能名称的一部分</translation>
    </message>
    <message>
        <source>Find a skill</source>
        <translation>查找技能</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Your level</source>
        <translation>您的等级</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Space ticks or unticks the skill under the cursor.</source>
        <translation>按空格键可勾选或取消勾选光标所在的技能。</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>等级(&amp;L)：</translation>
    </message>
    <message>
        <source>Level of the selected skill</source>
        <translation>所选技能的等级</translation>
    </message>
    <message>
        <source>The skills catalogue is empty: an administrator adds skills to it.</source>
        <translation>技能目录为空：需由管理员添加技能。</translation>
    </message>
</context>
<context>
    <name>TaskColumns</name>
    <message>
        <source>Remote</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Every week until {date}</source>
        <translation>每周重复，直到 {date}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>已报名</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TaskEditorDialog</name>
    <message>
        <source>Draft: only coordinators see it</source>
        <translation>草稿：仅协调员可见</translation>
    </message>
    <message>
        <source>Open: volunteers see it and sign up</source>
        <translation>招募中：志愿者可见并可报名</translation>
    </message>
    <message>
        <source>Closed: nobody new signs up</source>
        <translation>已截止：不再接受新报名</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>This task is cancelled: duplicate it to post it again.</source>
        <translation>此任务已取消：如需重新发布，请复制该任务。</translation>
    </message>
    <message>
        <source>Nobody named</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>Coming</source>
        <translation>即将开始</translation>
    </message>
    <message>
        <source>Cancel “{title}” on {when}? Its signups end, and {count} volunteer(s) are told.</source>
        <translation>要取消“{title}”在 {when} 的场次吗？该场次的报名将终止，并通知 {count} 名志愿者。</translation>
    </message>
    <message>
        <source>Cancel this date</source>
        <translation>取消此日期</translation>
    </message>
    <message>
        <source>Date cancelled; {count} volunteer(s) told.</source>
        <translation>已取消该日期，已通知 {count} 名志愿者。</translation>
    </message>
    <message>
        <source>Window &amp;opens:</source>
        <translation>时间段开始(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>开始(&amp;S)：</translation>
    </message>
    <message>
        <source>Window &amp;closes:</source>
        <translation>时间段结束(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>结束(&amp;E)：</translation>
    </message>
    <message>
        <source>Window opens</source>
        <translation>时间段开始</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Window closes</source>
        <translation>时间段结束</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Type a time zone such as Asia/Shanghai.</source>
        <translation>请输入时区，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>The times below are on {place} time ({utc}), wherever you are.</source>
        <translation>无论您身在何处，下面的时间均为{place}时间（{utc}）。</translation>
    </message>
    <message>
        <source>The engine fills the slots of higher priorities first; suggestions show them higher.</source>
        <translation>匹配引擎优先填补优先级较高的名额；在推荐中也会排得更靠前。</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Edit task</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation>编辑“{title}”</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Task and its dates</source>
        <translation>任务及其日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>When and where</source>
        <translation>时间和地点</translation>
    </message>
    <message>
        <source>O&amp;rganisation:</source>
        <translation>组织(&amp;R)：</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <source>Categor&amp;y:</source>
        <translation>类别(&amp;Y)：</translation>
    </message>
    <message>
        <source>Descri&amp;ption:</source>
        <translation>描述(&amp;P)：</translation>
    </message>
    <message>
        <source>Peop&amp;le needed:</source>
        <translation>所需人数(&amp;L)：</translation>
    </message>
    <message>
        <source>Priorit&amp;y:</source>
        <translation>优先级(&amp;Y)：</translation>
    </message>
    <message>
        <source>S&amp;kills needed:</source>
        <translation>所需技能(&amp;K)：</translation>
    </message>
    <message>
        <source>Co&amp;ntact person:</source>
        <translation>联系人(&amp;N)：</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>状态(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>Each &amp;volunteer serves:</source>
        <translation>每位志愿者服务(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>重复(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>People needed</source>
        <translation>所需人数</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Minutes each volunteer serves</source>
        <translation>每位志愿者服务的分钟数</translation>
    </message>
    <message>
        <source>Repeat weekly until</source>
        <translation>每周重复，直到</translation>
    </message>
    <message>
        <source>Dates of this task</source>
        <translation>此任务的日期</translation>
    </message>
    <message>
        <source>Reason told to the volunteers</source>
        <translation>告知志愿者的原因</translation>
    </message>
    <message>
        <source>e.g. food, elderly care, environment</source>
        <translation>例如：食物、助老、环保</translation>
    </message>
    <message>
        <source>&amp;Fixed shift</source>
        <translation>固定班次(&amp;F)</translation>
    </message>
    <message>
        <source>Fle&amp;xible window</source>
        <translation>灵活时间段(&amp;X)</translation>
    </message>
    <message>
        <source>Everyone comes at the same start and end time.</source>
        <translation>所有人在相同的时间开始和结束。</translation>
    </message>
    <message>
        <source>Each volunteer picks when, inside the window, for the minutes given.</source>
        <translation>每位志愿者在时间段内自选时间，服务指定的分钟数。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Every &amp;week until</source>
        <translation>每周重复，直到(&amp;W)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>已报名</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Every date of this task. Cancelling one date ends its signups and tells each volunteer in the app; the other dates stay.</source>
        <translation>此任务的所有日期。取消某个日期会终止该日期的报名，并在应用内通知每位志愿者；其他日期不受影响。</translation>
    </message>
    <message>
        <source>Rea&amp;son (optional):</source>
        <translation>原因（可选）(&amp;S)：</translation>
    </message>
    <message>
        <source>Cancel this &amp;date…</source>
        <translation>取消此日期(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>TaskKind</name>
    <message>
        <source>Fixed shift</source>
        <translation>固定班次</translation>
    </message>
    <message>
        <source>Flexible</source>
        <translation>灵活时间</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Draft</source>
        <extracomment>Another engineer&apos;s import window; the Import… button appears once that module exists.</extracomment>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>招募中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已截止</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>已满</translation>
    </message>
</context>
<context>
    <name>TasksForMe</name>
    <message>
        <source>Remote</source>
        <extracomment>How many suggestions the list shows. The days ahead the list covers when no date filter is set (the engine&apos;s horizon). The areas the empty state points to.</extracomment>
        <translation>线上</translation>
    </message>
    <message>
        <source>{km} km away</source>
        <translation>距离 {km} 公里</translation>
    </message>
    <message>
        <source>Full: waitlist</source>
        <translation>已满：可候补</translation>
    </message>
    <message>
        <source>Last place</source>
        <translation>最后一个名额</translation>
    </message>
    <message>
        <source>{left} of {of} places left</source>
        <translation>剩余 {left} / {of} 个名额</translation>
    </message>
    <message>
        <source>You are signed up</source>
        <translation>您已报名</translation>
    </message>
    <message>
        <source>On the waitlist, number {position}</source>
        <translation>候补第 {position} 位</translation>
    </message>
    <message>
        <source>Proposed to you</source>
        <translation>已向您发出邀请</translation>
    </message>
</context>
<context>
    <name>TasksForMePage</name>
    <message>
        <source>Ranked for your skills, your free hours and your home: open places first, the most needed higher. Tasks you sign up for move to My schedule.</source>
        <extracomment>Asks the main window to show another area (&quot;free_hours&quot;, &quot;profile&quot;).</extracomment>
        <translation>按您的技能、空闲时间和住处排序：有空位的优先，最需要帮助的靠前。您报名的任务会移到“我的日程”。</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>&amp;Within:</source>
        <translation>范围(&amp;W)：</translation>
    </message>
    <message>
        <source>any distance</source>
        <translation>不限距离</translation>
    </message>
    <message>
        <source> km</source>
        <translation> 公里</translation>
    </message>
    <message>
        <source>Largest distance from home, in km (0: any)</source>
        <translation>距住址的最远距离，单位为公里（0：不限）</translation>
    </message>
    <message>
        <source>&amp;Days:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>&amp;Remote only</source>
        <translation>仅线上(&amp;R)</translation>
    </message>
    <message>
        <source>Clear filte&amp;rs</source>
        <translation>清除筛选(&amp;R)</translation>
    </message>
    <message>
        <source>Suggested tasks</source>
        <translation>推荐的任务</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;Sign up…</source>
        <translation>报名(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Join the waitlist…</source>
        <translation>加入候补名单(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>退出报名(&amp;W)…</translation>
    </message>
    <message>
        <source>Why it suits you</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>About the task</source>
        <translation>任务简介</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Whom to ask</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Add &amp;free hours</source>
        <translation>添加空闲时间(&amp;F)</translation>
    </message>
    <message>
        <source>Add s&amp;kills</source>
        <translation>添加技能(&amp;K)</translation>
    </message>
    <message>
        <source>Task details</source>
        <translation>任务详情</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>{count} tasks</source>
        <translation>{count} 项任务</translation>
    </message>
    <message>
        <source>1 task</source>
        <translation>1 项任务</translation>
    </message>
    <message>
        <source>Tell us a little about yourself first</source>
        <translation>请先简单介绍一下您自己</translation>
    </message>
    <message>
        <source>Tasks are suggested from your home, your skills and your free hours. Set them up in your profile and free hours, and tasks that suit you appear here.</source>
        <translation>任务会根据您的住址、技能和空闲时间推荐。请在“个人资料”和“空闲时间”中进行设置，适合您的任务就会显示在这里。</translation>
    </message>
    <message>
        <source>No task matches these filters</source>
        <translation>没有符合这些筛选条件的任务</translation>
    </message>
    <message>
        <source>Clear the filters to see every task that suits you, or add free hours or skills to see more.</source>
        <translation>清除筛选条件可查看所有适合您的任务；添加空闲时间或技能可看到更多任务。</translation>
    </message>
    <message>
        <source>No task for you yet</source>
        <translation>暂时没有适合您的任务</translation>
    </message>
    <message>
        <source>No task fits your skills and free hours in the next 14 days. Add free hours or skills to see more.</source>
        <translation>未来 14 天内没有符合您的技能和空闲时间的任务。添加空闲时间或技能可看到更多任务。</translation>
    </message>
    <message>
        <source>Loading details…</source>
        <translation>正在加载详情…</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>没有描述。</translation>
    </message>
    <message>
        <source>Remote: you can do it from anywhere.</source>
        <translation>线上：您可以在任何地方完成。</translation>
    </message>
    <message>
        <source>No address given</source>
        <translation>未提供地址</translation>
    </message>
    <message>
        <source>{place} ({km} km from your home)</source>
        <translation>{place}（距您的住址 {km} 公里）</translation>
    </message>
    <message>
        <source>{left} of {of} places left</source>
        <translation>剩余 {left} / {of} 个名额</translation>
    </message>
    <message>
        <source>; {count} waiting</source>
        <translation>；{count} 人候补</translation>
    </message>
    <message>
        <source>No special skills needed.</source>
        <translation>不需要特殊技能。</translation>
    </message>
    <message>
        <source>✓ {skill}: needs level {needed}, you have {held}</source>
        <translation>✓ {skill}：需要 {needed} 级，您是 {held} 级</translation>
    </message>
    <message>
        <source>✗ {skill}: needs level {needed}, you have {held}</source>
        <translation>✗ {skill}：需要 {needed} 级，您是 {held} 级</translation>
    </message>
    <message>
        <source>in charge: {name}</source>
        <translation>负责人：{name}</translation>
    </message>
    <message>
        <source>You are signed up: {when}.</source>
        <translation>您已报名：{when}。</translation>
    </message>
    <message>
        <source>You are on the waitlist, number {position}. If a place frees up, it is offered to you.</source>
        <translation>您在候补名单中排第 {position} 位。如有名额空出，将提供给您。</translation>
    </message>
    <message>
        <source>This place is proposed to you: accept or decline it in My schedule.</source>
        <translation>这个名额是向您发出的邀请：请在“我的日程”中接受或拒绝。</translation>
    </message>
    <message>
        <source>This task is no longer open for signups.</source>
        <translation>此任务已不再接受报名。</translation>
    </message>
    <message>
        <source>Every place on “{title}” ({when}) is taken. Join the waitlist? If a place frees up, it is offered to you.</source>
        <translation>“{title}”（{when}）的名额已满。要加入候补名单吗？如有名额空出，将提供给您。</translation>
    </message>
    <message>
        <source>Sign up for “{title}”, {when}?</source>
        <translation>要报名“{title}”（{when}）吗？</translation>
    </message>
    <message>
        <source>Join the waitlist</source>
        <translation>加入候补名单</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Every place was taken: you are on the waitlist for “{title}”, number {position}.</source>
        <translation>名额已满：您已进入“{title}”的候补名单，排第 {position} 位。</translation>
    </message>
    <message>
        <source>You are signed up for “{title}”, {when}.</source>
        <translation>您已报名“{title}”（{when}）。</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>退出报名</translation>
    </message>
    <message>
        <source>Withdraw from “{title}”? If others are waiting, your place is offered to the first of them.</source>
        <translation>要退出“{title}”的报名吗？如有其他人在候补，您的名额将提供给排在第一位的候补者。</translation>
    </message>
    <message>
        <source>You withdrew from “{title}”.</source>
        <translation>您已退出“{title}”的报名。</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Task saved.</source>
        <translation>任务已保存。</translation>
    </message>
    <message>
        <source>“{title}” copied as a draft.</source>
        <translation>已将“{title}”复制为草稿。</translation>
    </message>
    <message>
        <source>“{title}” is open: volunteers can see it.</source>
        <translation>“{title}”已开始招募：志愿者现在可以看到它。</translation>
    </message>
    <message>
        <source>“{title}” is closed: nobody new can sign up.</source>
        <translation>“{title}”已截止：不再接受新报名。</translation>
    </message>
    <message>
        <source>Cancel “{title}”? Every date still to come is cancelled, their signups end, and {count} volunteer(s) are told in the app. To cancel one date only, use Edit → Dates.</source>
        <translation>要取消“{title}”吗？所有尚未开始的日期都将取消，相关报名随之终止，并在应用内通知 {count} 名志愿者。如只需取消一个日期，请使用“编辑 → 日期”。</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>“{title}” cancelled; {count} volunteer(s) told.</source>
        <translation>已取消“{title}”，已通知 {count} 名志愿者。</translation>
    </message>
    <message>
        <source>Filter by title, organisation, category, place or “remote”</source>
        <translation>按标题、组织、类别、地点或“线上”筛选</translation>
    </message>
    <message>
        <source>Filter tasks</source>
        <translation>筛选任务</translation>
    </message>
    <message>
        <source>Show &amp;past tasks</source>
        <translation>显示已结束的任务(&amp;P)</translation>
    </message>
    <message>
        <source>Show past tasks</source>
        <translation>显示已结束的任务</translation>
    </message>
    <message>
        <source>Click a column header to sort by it. Double-click a task or press Enter to edit it.</source>
        <translation>单击列标题可按该列排序。双击任务或按回车键可编辑任务。</translation>
    </message>
    <message>
        <source>&amp;New task…</source>
        <translation>新建任务(&amp;N)…</translation>
    </message>
    <message>
        <source>Post a new task (Ctrl+N)</source>
        <translation>发布新任务（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected task, or cancel one of its dates</source>
        <translation>修改所选任务，或取消其中一个日期</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected task as a new draft</source>
        <translation>将所选任务复制为新草稿</translation>
    </message>
    <message>
        <source>Pu&amp;blish</source>
        <translation>发布(&amp;B)</translation>
    </message>
    <message>
        <source>Open the task: volunteers see it and sign up</source>
        <translation>开放任务：志愿者可以看到并报名</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>截止(&amp;L)</translation>
    </message>
    <message>
        <source>Nobody new can sign up; the task stays</source>
        <translation>不再接受新报名；任务保留</translation>
    </message>
    <message>
        <source>&amp;Cancel task…</source>
        <translation>取消任务(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel every date still to come; the volunteers are told</source>
        <translation>取消所有尚未开始的日期，并通知志愿者</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Post tasks from a CSV or XLSX file</source>
        <translation>从 CSV 或 XLSX 文件发布任务</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{year}年{month_number}月{day}日 {weekday}</translation>
    </message>
    <message>
        <source>{weekday} {day} {month}</source>
        <translation>{month_number}月{day}日 {weekday}</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month_number}月</translation>
    </message>
    <message>
        <source>{date}, {start}–{end}</source>
        <translation>{date} {start}–{end}</translation>
    </message>
    <message>
        <source>{date}, {start} – {end_date}, {end}</source>
        <translation>{date} {start} – {end_date} {end}</translation>
    </message>
    <message>
        <source>{date}, between {start} and {end}, {length}</source>
        <translation>{date} {start}–{end} 之间，{length}</translation>
    </message>
    <message>
        <source>between {date}, {start} and {end_date}, {end}, {length}</source>
        <translation>{date} {start} 至 {end_date} {end} 之间，{length}</translation>
    </message>
    <message>
        <source>{text} ({place} time, {utc})</source>
        <translation>{text}（{place}时间，{utc}）</translation>
    </message>
    <message>
        <source>{text} ({utc})</source>
        <translation>{text}（{utc}）</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
</context>
<context>
    <name>TimeZones</name>
    <message>
        <source>Shanghai</source>
        <translation>上海</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Macau</source>
        <translation>澳门</translation>
    </message>
    <message>
        <source>Taipei</source>
        <translation>台北</translation>
    </message>
    <message>
        <source>Urumqi</source>
        <translation>乌鲁木齐</translation>
    </message>
    <message>
        <source>Tokyo</source>
        <translation>东京</translation>
    </message>
    <message>
        <source>Seoul</source>
        <translation>首尔</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>London</source>
        <translation>伦敦</translation>
    </message>
    <message>
        <source>Paris</source>
        <translation>巴黎</translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation>柏林</translation>
    </message>
    <message>
        <source>New York</source>
        <translation>纽约</translation>
    </message>
    <message>
        <source>Los Angeles</source>
        <translation>洛杉矶</translation>
    </message>
    <message>
        <source>Sydney</source>
        <translation>悉尼</translation>
    </message>
</context>
<context>
    <name>TransparencyDialog</name>
    <message>
        <source>Organisation transparency</source>
        <translation>组织透明度</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>组织(&amp;O)：</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Transparency summary</source>
        <translation>透明度摘要</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>另存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Figures over the organisation&apos;s whole history, from the hours its coordinators verified. Anyone signed in can see them.</source>
        <translation>以下数据涵盖该组织的全部历史，依据其协调员核实的时长统计。所有已登录的用户都可以查看。</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Verified hours</source>
        <translation>已核实时长</translation>
    </message>
    <message>
        <source>Volunteers with verified hours</source>
        <translation>有已核实时长的志愿者</translation>
    </message>
    <message>
        <source>Tasks run</source>
        <translation>已开展的任务</translation>
    </message>
    <message>
        <source>Places filled (of places offered)</source>
        <translation>已填补名额（占提供名额）</translation>
    </message>
    <message>
        <source>Median time from service to verification</source>
        <translation>从服务到核实的时间中位数</translation>
    </message>
    <message>
        <source>Share of decided hours rejected</source>
        <translation>已处理时长中被驳回的比例</translation>
    </message>
    <message>
        <source>Share of records later corrected</source>
        <translation>事后被更正的记录比例</translation>
    </message>
    <message>
        <source>Save the summary as PDF</source>
        <translation>将摘要另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>核实证明</translation>
    </message>
    <message>
        <source>Check a volunteer service certificate someone handed you: its signature shows the recording organisation issued it and nobody changed it. No network is needed.</source>
        <translation>核实别人交给您的志愿服务证明：其签名可证明该证明由记录时长的组织出具且未被改动。无需联网。</translation>
    </message>
    <message>
        <source>&amp;Open a PDF or photo…</source>
        <translation>打开 PDF 或照片(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a certificate file</source>
        <translation>打开证明文件</translation>
    </message>
    <message>
        <source>Use a &amp;key file…</source>
        <translation>使用密钥文件(&amp;K)…</translation>
    </message>
    <message>
        <source>Use the issuer&apos;s public key file</source>
        <translation>使用出具方的公钥文件</translation>
    </message>
    <message>
        <source>…or drop the PDF, a photo or a scan of the certificate here</source>
        <translation>…或将证明的 PDF、照片或扫描件拖放到这里</translation>
    </message>
    <message>
        <source>Drop area for a certificate file or image</source>
        <translation>证明文件或图片的拖放区域</translation>
    </message>
    <message>
        <source>…or &amp;paste the text of its QR code (VA1:…):</source>
        <translation>…或粘贴其二维码的文本（VA1:…）(&amp;P)：</translation>
    </message>
    <message>
        <source>Text of the QR code</source>
        <translation>二维码文本</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>Check the pasted text</source>
        <translation>检查粘贴的文本</translation>
    </message>
    <message>
        <source>Certificate No.:</source>
        <translation>证明编号：</translation>
    </message>
    <message>
        <source>Volunteer:</source>
        <translation>志愿者：</translation>
    </message>
    <message>
        <source>Hours:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>组织：</translation>
    </message>
    <message>
        <source>Issued on:</source>
        <translation>出具日期：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>签名方：</translation>
    </message>
    <message>
        <source>Open a certificate</source>
        <translation>打开证明</translation>
    </message>
    <message>
        <source>Certificates and photos ({patterns})</source>
        <translation>证明和照片 ({patterns})</translation>
    </message>
    <message>
        <source>The issuer&apos;s public key</source>
        <translation>出具方的公钥</translation>
    </message>
    <message>
        <source>Key files (*.json *.pem)</source>
        <translation>密钥文件 (*.json *.pem)</translation>
    </message>
    <message>
        <source>Also trusting the key of {name}.</source>
        <translation>同时信任 {name} 的密钥。</translation>
    </message>
    <message>
        <source>the dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Not valid: the signature does not match</source>
        <translation>无效：签名不匹配</translation>
    </message>
    <message>
        <source>Not valid here: unknown issuer</source>
        <translation>在此无效：出具方未知</translation>
    </message>
    <message>
        <source>Not valid: revoked</source>
        <translation>无效：已撤销</translation>
    </message>
    <message>
        <source>Not valid: corrected since</source>
        <translation>无效：此后已更正</translation>
    </message>
    <message>
        <source>Not valid: not in the issuer&apos;s register</source>
        <translation>无效：不在出具方的登记册中</translation>
    </message>
    <message>
        <source>No certificate could be read</source>
        <translation>无法读取任何证明</translation>
    </message>
    <message>
        <source>The signature holds and this database&apos;s register shows the certificate unchanged.</source>
        <translation>签名有效，且本数据库的登记册显示该证明未被更改。</translation>
    </message>
    <message>
        <source>The signature holds. The issuing organisation&apos;s register is not here, so whether it was revoked since cannot be checked.</source>
        <translation>签名有效。出具组织的登记册不在此处，因此无法检查该证明此后是否被撤销。</translation>
    </message>
    <message>
        <source>{duration} ({minutes} minutes)</source>
        <translation>{duration}（{minutes} 分钟）</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{name} (key {fingerprint}…)</source>
        <translation>{name}（密钥 {fingerprint}…）</translation>
    </message>
    <message>
        <source>unknown key {fingerprint}…</source>
        <translation>未知密钥 {fingerprint}…</translation>
    </message>
</context>
<context>
    <name>VolunteerColumns</name>
    <message>
        <source>{km} km</source>
        <translation>{km} 公里</translation>
    </message>
    <message>
        <source>{skill} {level}</source>
        <translation>{skill} {level} 级</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Travels up to</source>
        <translation>服务半径</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>所属组织</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>住址</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Filter by name or email</source>
        <translation>按姓名或邮箱筛选</translation>
    </message>
    <message>
        <source>Filter volunteers</source>
        <translation>筛选志愿者</translation>
    </message>
    <message>
        <source>Name and Email columns can be sorted.</source>
        <translation>可按“姓名”和“邮箱”列排序。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Volunteer App</source>
        <translation>欢迎使用志愿者助手</translation>
    </message>
    <message>
        <source>This database has no accounts yet. The first account you create now is the administrator: it sets up organisations and adds coordinators and volunteers.</source>
        <translation>这个数据库还没有任何账户。现在创建的第一个账户就是管理员：负责设置组织，并添加协调员和志愿者。</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>数据库位置</translation>
    </message>
    <message>
        <source>The database location is not one this app can use. Check it in Settings.</source>
        <translation>该数据库位置无法被本应用使用，请在设置中检查。</translation>
    </message>
    <message>
        <source>Problem outside the app</source>
        <translation>应用之外的问题</translation>
    </message>
    <message>
        <source>The app could not reach its data. The database may be locked by another program, the server unreachable or the disk full. Check that, then try again.</source>
        <translation>应用无法访问数据。可能是数据库被其他程序锁定、服务器无法连接或磁盘已满。请检查后重试。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the app. This is a bug, not your mistake. Details are in the log file: {path}</source>
        <translation>应用内部出错了。这是程序缺陷，不是您的操作问题。详细信息见日志文件：{path}</translation>
    </message>
    <message>
        <source>Details are in the log file: {path}</source>
        <translation>详细信息见日志文件：{path}</translation>
    </message>
    <message>
        <source>{value!r} is not an email address.</source>
        <translation>{value!r} 不是有效的邮箱地址。</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>You are not a {roles} of {organisation}.</source>
        <translation>您不是 {organisation} 的 {roles}。</translation>
    </message>
    <message>
        <source>Only an administrator may do this.</source>
        <translation>只有管理员可以执行此操作。</translation>
    </message>
    <message>
        <source>The name must not be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <source>An account for {email} exists already.</source>
        <translation>{email} 的账户已存在。</translation>
    </message>
    <message>
        <source>This database has accounts already; an administrator must add you.</source>
        <translation>这个数据库已有账户，请由管理员为您添加账户。</translation>
    </message>
    <message>
        <source>No account for {email}.</source>
        <translation>没有 {email} 的账户。</translation>
    </message>
    <message>
        <source>No organisation {id}.</source>
        <translation>没有编号为 {id} 的组织。</translation>
    </message>
    <message>
        <source>Cannot sort by {value!r}.</source>
        <translation>无法按 {value!r} 排序。</translation>
    </message>
    <message>
        <source>Only coordinators may see the list of volunteers.</source>
        <translation>只有协调员可以查看志愿者名单。</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>邮箱或密码错误。</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Credited minutes must be 0 to {span}, not {value}.</source>
        <translation>计入的分钟数必须在 0 到 {span} 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>Say what was done: a task or an activity.</source>
        <translation>请说明做了什么：一项任务或一项活动。</translation>
    </message>
    <message>
        <source>Name the organisation that will verify this activity.</source>
        <translation>请指明由哪个组织核实这项活动。</translation>
    </message>
    <message>
        <source>No hours record {id}.</source>
        <translation>没有编号为 {id} 的时长记录。</translation>
    </message>
    <message>
        <source>A correction must be for the same person.</source>
        <translation>更正必须针对同一个人。</translation>
    </message>
    <message>
        <source>Record {id} has been corrected already; correct the newest one.</source>
        <translation>记录 {id} 已被更正过，请更正最新的那条。</translation>
    </message>
    <message>
        <source>Say why the hours are rejected.</source>
        <translation>请说明驳回时长的原因。</translation>
    </message>
    <message>
        <source>{field} needs a time zone.</source>
        <translation>{field} 需要包含时区。</translation>
    </message>
    <message>
        <source>No task occurrence {id}.</source>
        <translation>没有编号为 {id} 的任务场次。</translation>
    </message>
    <message>
        <source>Nobody may verify or reject their own hours.</source>
        <translation>任何人都不能核实或驳回自己的时长。</translation>
    </message>
    <message>
        <source>Record {id} was {status} already; record a correction instead.</source>
        <translation>记录 {id} 已经是 {status} 状态，请改为登记一条更正。</translation>
    </message>
    <message>
        <source>You may see only your own hours.</source>
        <translation>您只能查看自己的时长。</translation>
    </message>
    <message>
        <source>Unknown ID type {value!r}.</source>
        <translation>未知证件类型 {value!r}。</translation>
    </message>
    <message>
        <source>An ID number has 4 to 40 letters or digits.</source>
        <translation>证件号码应为 4 到 40 位字母或数字。</translation>
    </message>
    <message>
        <source>--to ({value}) must come after --from.</source>
        <translation>--to（{value}）必须晚于 --from。</translation>
    </message>
    <message>
        <source>You may see suggestions only for yourself or your volunteers.</source>
        <translation>您只能查看自己或您的志愿者的推荐。</translation>
    </message>
    <message>
        <source>This person has no volunteer profile yet.</source>
        <translation>此人还没有志愿者资料。</translation>
    </message>
    <message>
        <source>--limit must be at least 1, not {value}.</source>
        <translation>--limit 至少为 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>{value!r} is not a date like 2026-12-05.</source>
        <translation>{value!r} 不是类似 2026-12-05 的日期。</translation>
    </message>
    <message>
        <source>The organisation needs a name.</source>
        <translation>组织需要一个名称。</translation>
    </message>
    <message>
        <source>An organisation named {name!r} exists already.</source>
        <translation>名为 {name!r} 的组织已存在。</translation>
    </message>
    <message>
        <source>No organisation named {name!r}.</source>
        <translation>没有名为 {name!r} 的组织。</translation>
    </message>
    <message>
        <source>{value!r} is neither yes nor no.</source>
        <translation>{value!r} 既不是 yes 也不是 no。</translation>
    </message>
    <message>
        <source>{value!r} is neither ongoing/weekly nor onetime/once.</source>
        <translation>{value!r} 既不是 ongoing/weekly，也不是 onetime/once。</translation>
    </message>
    <message>
        <source>{value!r} is not a date (and time) this importer understands.</source>
        <translation>{value!r} 不是本导入程序能识别的日期（和时间）。</translation>
    </message>
    <message>
        <source>{value!r} is not a place this importer understands (latitude, longitude).</source>
        <translation>{value!r} 不是本导入程序能识别的地点（纬度, 经度）。</translation>
    </message>
    <message>
        <source>{value!r} is not a number.</source>
        <translation>{value!r} 不是数字。</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number.</source>
        <translation>{value!r} 不是整数。</translation>
    </message>
    <message>
        <source>A task needs at least 1 place, not {value}.</source>
        <translation>任务至少需要 1 个名额，而不是 {value}。</translation>
    </message>
    <message>
        <source>Priority must be 1 to 5 (or low, normal, high, urgent), not {value!r}.</source>
        <translation>优先级必须是 1 到 5（或 low、normal、high、urgent），而不是 {value!r}。</translation>
    </message>
    <message>
        <source>{value!r} is not a time of day such as 14:30 or 2:30 PM.</source>
        <translation>{value!r} 不是有效的时刻（例如 14:30 或 2:30 PM）。</translation>
    </message>
    <message>
        <source>{value!r} is a number, not a date.</source>
        <translation>{value!r} 是数字，不是日期。</translation>
    </message>
    <message>
        <source>{value!r} is not a place: latitude must be -90..90 and longitude -180..180.</source>
        <translation>{value!r} 不是有效的地点：纬度必须在 -90..90 之间，经度必须在 -180..180 之间。</translation>
    </message>
    <message>
        <source>{value!r} holds no latitude and longitude.</source>
        <translation>{value!r} 不包含纬度和经度。</translation>
    </message>
    <message>
        <source>{value!r} is not a number of places.</source>
        <translation>{value!r} 不是有效的名额数。</translation>
    </message>
    <message>
        <source>{value!r} is not a language tag such as en or zh-CN.</source>
        <translation>{value!r} 不是有效的语言标记（例如 en 或 zh-CN）。</translation>
    </message>
    <message>
        <source>{value!r} is not a date in the calendar.</source>
        <translation>{value!r} 不是日历上存在的日期。</translation>
    </message>
    <message>
        <source>Skill {skill}: level must be 1 to 5, not {value!r}.</source>
        <translation>技能 {skill}：等级必须是 1 到 5，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>{value!r} could be month/day or day/month: choose the date order (mdy or dmy).</source>
        <translation>{value!r} 既可能是月/日，也可能是日/月：请选择日期顺序（mdy 或 dmy）。</translation>
    </message>
    <message>
        <source>{field} may not hold {character}: {value}</source>
        <translation>{field} 不能包含 {character}：{value}</translation>
    </message>
    <message>
        <source>{field} is {length} characters long; at most {limit} are allowed: {value}</source>
        <translation>{field} 长 {length} 个字符，最多允许 {limit} 个：{value}</translation>
    </message>
    <message>
        <source>{field} must be text, not {value}.</source>
        <translation>{field} 必须是文本，而不是 {value}。</translation>
    </message>
    <message>
        <source>{field} must not be empty.</source>
        <translation>{field} 不能为空。</translation>
    </message>
    <message>
        <source>The password may have at most {maximum} characters.</source>
        <translation>密码最多可有 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>{email} is not a {role} of organisation {id}.</source>
        <translation>{email} 不是编号为 {id} 的组织的 {role}。</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>The note is longer than {maximum} characters.</source>
        <translation>备注超过了 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>The free time {start}–{end} ends before it starts.</source>
        <translation>空闲时间 {start}–{end} 的结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>{value} is not a day of the week (0 is Monday, 6 is Sunday).</source>
        <translation>{value} 不是有效的星期（0 为周一，6 为周日）。</translation>
    </message>
    <message>
        <source>The time from {start} to {end} ends before it starts.</source>
        <translation>{start} 至 {end} 这段时间的结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>From {start} to {end} is longer than a year: add it in parts.</source>
        <translation>{start} 至 {end} 超过一年：请分段添加。</translation>
    </message>
    <message>
        <source>{value} is outside the day: times go from 00:00 to 24:00.</source>
        <translation>{value} 超出一天的范围：时间应在 00:00 到 24:00 之间。</translation>
    </message>
    <message>
        <source>You have no free-time exception {id}.</source>
        <translation>您没有编号为 {id} 的空闲时间例外。</translation>
    </message>
    <message>
        <source>{value} is not on a quarter hour: use :00, :15, :30 or :45.</source>
        <translation>{value} 不是整刻钟：请使用 :00、:15、:30 或 :45。</translation>
    </message>
    <message>
        <source>Certificates come in zh or en, not {value!r}.</source>
        <translation>证明语言只能是 zh 或 en，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>No person {id}.</source>
        <translation>没有编号为 {id} 的人员。</translation>
    </message>
    <message>
        <source>The period ends on {end} before it starts on {start}.</source>
        <translation>期间的结束日期 {end} 早于开始日期 {start}。</translation>
    </message>
    <message>
        <source>Nobody may issue a certificate of their own hours.</source>
        <translation>任何人都不能为自己的时长出具证明。</translation>
    </message>
    <message>
        <source>No certificate numbered {number} in this register.</source>
        <translation>本登记册中没有编号为 {number} 的证明。</translation>
    </message>
    <message>
        <source>Say why the certificate is revoked.</source>
        <translation>请说明撤销证明的原因。</translation>
    </message>
    <message>
        <source>Say why the request is declined.</source>
        <translation>请说明拒绝该申请的原因。</translation>
    </message>
    <message>
        <source>You are not a coordinator or admin of any organisation: you may name only yourself.</source>
        <translation>您不是任何组织的协调员或管理员：只能指定您自己。</translation>
    </message>
    <message>
        <source>{name} is not a volunteer of {organisation}.</source>
        <translation>{name} 不是 {organisation} 的志愿者。</translation>
    </message>
    <message>
        <source>{name} has no verified hours with {organisation} from {start} to {end}.</source>
        <translation>{name} 在 {start} 至 {end} 期间没有 {organisation} 的已核实时长。</translation>
    </message>
    <message>
        <source>Certificate {number} was revoked already.</source>
        <translation>证明 {number} 已被撤销。</translation>
    </message>
    <message>
        <source>You do not volunteer with {organisation}.</source>
        <translation>您不是 {organisation} 的志愿者。</translation>
    </message>
    <message>
        <source>You have no verified hours with {organisation} from {start} to {end}.</source>
        <translation>您在 {start} 至 {end} 期间没有 {organisation} 的已核实时长。</translation>
    </message>
    <message>
        <source>You asked {organisation} for a certificate already (request {id}).</source>
        <translation>您已经向 {organisation} 申请过证明（申请编号 {id}）。</translation>
    </message>
    <message>
        <source>No certificate request {id}.</source>
        <translation>没有编号为 {id} 的证明申请。</translation>
    </message>
    <message>
        <source>Certificate request {id} was answered already.</source>
        <translation>证明申请 {id} 已经答复过了。</translation>
    </message>
    <message>
        <source>Someone else changed these tasks at the same time; run again.</source>
        <translation>有人同时修改了这些任务；请重新运行。</translation>
    </message>
    <message>
        <source>Someone else decided these hours at the same time; look at them again.</source>
        <translation>有人同时处理了这些时长；请重新查看。</translation>
    </message>
    <message>
        <source>Only coordinators of an organisation may export.</source>
        <translation>只有组织的协调员可以导出。</translation>
    </message>
    <message>
        <source>Export {value!r}? Choose tasks, volunteers or hours.</source>
        <translation>无法导出 {value!r}：请选择 tasks（任务）、volunteers（志愿者）或 hours（时长）。</translation>
    </message>
    <message>
        <source>A number or date is out of the range this app can store or compute ({details}).</source>
        <translation>某个数字或日期超出了本应用能够存储或计算的范围（{details}）。</translation>
    </message>
    <message>
        <source>This database is not one of volunteer-app&apos;s: it holds another program&apos;s tables, or tables without a schema revision. Choose the app&apos;s own database, or restore a backup.</source>
        <translation>此数据库不属于 volunteer-app：其中有其他程序的表，或有表但没有结构版本。请选择本应用自己的数据库，或恢复备份。</translation>
    </message>
    <message>
        <source>The database file is damaged or is not an SQLite database. Choose the app&apos;s own database file, or restore a backup (volunteer-app db restore).</source>
        <translation>数据库文件已损坏，或不是 SQLite 数据库。请选择本应用自己的数据库文件，或恢复备份（volunteer-app db restore）。</translation>
    </message>
    <message>
        <source>This database was made by a newer volunteer-app (revision {revision}). Update the app.</source>
        <translation>此数据库由更新版本的 volunteer-app 创建（版本 {revision}）。请更新本应用。</translation>
    </message>
    <message>
        <source>This shared database is older than this volunteer-app. Ask your administrator to run `volunteer-app db upgrade`.</source>
        <translation>这个共享数据库比当前的 volunteer-app 旧。请让您的管理员运行 `volunteer-app db upgrade`。</translation>
    </message>
    <message>
        <source>The database server has no database of the name in the URL. Check the name, or create it.</source>
        <translation>数据库服务器上没有 URL 中所写名称的数据库。请检查名称，或创建该数据库。</translation>
    </message>
    <message>
        <source>The database server refused the user name or password. Check them in the database URL.</source>
        <translation>数据库服务器拒绝了用户名或密码。请检查数据库 URL 中的用户名和密码。</translation>
    </message>
    <message>
        <source>The database cannot be written to. Check the permissions of its file and folder, then try again.</source>
        <translation>无法写入数据库。请检查其文件和文件夹的权限，然后重试。</translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check that its folder exists and may be written to, then try again.</source>
        <translation>无法打开数据库文件。请确认其文件夹存在且可写入，然后重试。</translation>
    </message>
    <message>
        <source>The database is locked by another program or another copy of this app. Close it or wait a moment, then try again.</source>
        <translation>数据库已被其他程序或本应用的另一个副本锁定。请关闭它或稍等片刻，然后重试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁盘已满。请释放一些空间，然后重试。</translation>
    </message>
    <message>
        <source>The database server cannot be reached. Check the network and that the server is running, then try again.</source>
        <translation>无法连接数据库服务器。请检查网络并确认服务器正在运行，然后重试。</translation>
    </message>
    <message>
        <source>The connection to the database server broke before this was finished, so none of it was saved. Try again in a moment, once the server is back.</source>
        <translation>与数据库服务器的连接在完成前中断了，因此什么都没有保存。请等服务器恢复后再试一次。</translation>
    </message>
    <message>
        <source>{name} is on {title!r} already ({status}).</source>
        <translation>{name} 已在 {title!r} 中（{status}）。</translation>
    </message>
    <message>
        <source>{name} already holds a place on {other!r} ({when}); a clash cannot be overridden.</source>
        <translation>{name} 已在 {other!r}（{when}）中占有名额；时间冲突不能强制忽略。</translation>
    </message>
    <message>
        <source>{name} is not free {when}; say why to assign them anyway.</source>
        <translation>{name} {when} 没有空闲时间；如仍要分配，请说明原因。</translation>
    </message>
    <message>
        <source>{name} lacks skills the task needs ({skills}) and is not free {when}; say why to assign them anyway.</source>
        <translation>{name} 缺少任务所需的技能（{skills}），且 {when} 没有空闲时间；如仍要分配，请说明原因。</translation>
    </message>
    <message>
        <source>{name} lacks skills the task needs ({skills}); say why to assign them anyway.</source>
        <translation>{name} 缺少任务所需的技能（{skills}）；如仍要分配，请说明原因。</translation>
    </message>
    <message>
        <source>{name} took a place on {other!r} ({when}) since the engine ran; run it again.</source>
        <translation>自匹配引擎运行以来，{name} 已在 {other!r}（{when}）中占了名额；请重新运行。</translation>
    </message>
    <message>
        <source>Record {id} was replaced by record {newer}; decide the newer one.</source>
        <translation>记录 {id} 已被记录 {newer} 取代；请处理较新的那条记录。</translation>
    </message>
    <message>
        <source>Choose at least one hours record.</source>
        <translation>请至少选择一条时长记录。</translation>
    </message>
    <message>
        <source>Decide at most {limit} records at once, not {count}.</source>
        <translation>一次最多处理 {limit} 条记录，而不是 {count} 条。</translation>
    </message>
    <message>
        <source>Say what is wrong, in a sentence or two.</source>
        <translation>请用一两句话说明哪里有问题。</translation>
    </message>
    <message>
        <source>Give both the start and the end, or neither.</source>
        <translation>请同时填写开始和结束时间，或都不填。</translation>
    </message>
    <message>
        <source>No hours request {id}.</source>
        <translation>没有编号为 {id} 的时长申请。</translation>
    </message>
    <message>
        <source>Nobody may answer their own request about hours.</source>
        <translation>任何人都不能答复关于自己时长的申请。</translation>
    </message>
    <message>
        <source>Request {id} was {status} already.</source>
        <translation>申请 {id} 已经处理过了（{status}）。</translation>
    </message>
    <message>
        <source>Credited minutes must be 0 or more, not {value}.</source>
        <translation>计入的分钟数必须大于或等于 0，而不是 {value}。</translation>
    </message>
    <message>
        <source>{value!r} is not a kind of request; use time, task, missing or other.</source>
        <translation>{value!r} 不是有效的申请类型；请使用 time、task、missing 或 other。</translation>
    </message>
    <message>
        <source>Record {id} exists, so it is not missing: say what is wrong with it.</source>
        <translation>记录 {id} 存在，因此并未缺失：请说明它有什么问题。</translation>
    </message>
    <message>
        <source>You have no hours record {id}.</source>
        <translation>您没有编号为 {id} 的时长记录。</translation>
    </message>
    <message>
        <source>Record {id} was replaced by record {newer}; ask about the newer one.</source>
        <translation>记录 {id} 已被记录 {newer} 取代；请就较新的那条记录提出申请。</translation>
    </message>
    <message>
        <source>You asked about record {id} already; wait for the coordinator&apos;s answer.</source>
        <translation>您已经就记录 {id} 提出过申请；请等待协调员答复。</translation>
    </message>
    <message>
        <source>Name the hours record that is wrong.</source>
        <translation>请指明有问题的时长记录。</translation>
    </message>
    <message>
        <source>Name the task whose record is missing.</source>
        <translation>请指明缺少记录的任务。</translation>
    </message>
    <message>
        <source>Task occurrence {id} has not started yet.</source>
        <translation>任务场次 {id} 尚未开始。</translation>
    </message>
    <message>
        <source>You have a record for this task already (record {id}); say what is wrong with it.</source>
        <translation>您已有此任务的记录（记录 {id}）；请说明它有什么问题。</translation>
    </message>
    <message>
        <source>You reported this task&apos;s record missing already; wait for the coordinator&apos;s answer.</source>
        <translation>您已经报告过此任务的记录缺失；请等待协调员答复。</translation>
    </message>
    <message>
        <source>The task of request {id} no longer exists; decline the request and say so.</source>
        <translation>申请 {id} 涉及的任务已不存在；请拒绝该申请并说明情况。</translation>
    </message>
    <message>
        <source>This person has a record for that task already (record {id}); decline the request.</source>
        <translation>此人已有该任务的记录（记录 {id}）；请拒绝该申请。</translation>
    </message>
    <message>
        <source>Sign in again to unlock your keys.</source>
        <translation>请重新登录以解锁您的密钥。</translation>
    </message>
    <message>
        <source>This ID number was saved by an older version on another desktop: it moves to the shared keys when the volunteer or one of their coordinators signs in on that desktop.</source>
        <translation>此证件号码由另一台电脑上的旧版本保存：当该志愿者或其协调员在那台电脑上登录时，它会转移到共享密钥中。</translation>
    </message>
    <message>
        <source>This ID number has not been shared with you yet: it will be when the volunteer or another coordinator of their organisations signs in.</source>
        <translation>此证件号码尚未与您共享：当该志愿者或其所属组织的其他协调员登录时就会共享。</translation>
    </message>
    <message>
        <source>This ID number cannot be read: it was changed outside the app.</source>
        <translation>无法读取此证件号码：它在应用之外被修改过。</translation>
    </message>
    <message>
        <source>The row names no organisation: choose one (--organisation) or fill the organisation column.</source>
        <translation>该行没有指明组织：请选择一个组织（--organisation）或填写组织列。</translation>
    </message>
    <message>
        <source>You are not a coordinator of {value!r}.</source>
        <translation>您不是 {value!r} 的协调员。</translation>
    </message>
    <message>
        <source>No organisation named {value!r}.</source>
        <translation>没有名为 {value!r} 的组织。</translation>
    </message>
    <message>
        <source>Unknown skill {skill!r} (known: {known}).</source>
        <translation>未知技能 {skill!r}（已知技能：{known}）。</translation>
    </message>
    <message>
        <source>Import {value!r}? Choose tasks or volunteers.</source>
        <translation>无法导入 {value!r}：请选择 tasks（任务）或 volunteers（志愿者）。</translation>
    </message>
    <message>
        <source>{file}: {count} problem(s) in {rows} row(s); nothing was imported. Fix the file or the mapping, or import only the rows without problems.</source>
        <translation>{file}：{rows} 行中有 {count} 个问题；未导入任何内容。请修正文件或字段映射，或只导入没有问题的行。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>No file {value}.</source>
        <translation>文件 {value} 不存在。</translation>
    </message>
    <message>
        <source>Only coordinators of an organisation may import.</source>
        <translation>只有组织的协调员可以导入。</translation>
    </message>
    <message>
        <source>The date order is mdy or dmy, not {value!r}.</source>
        <translation>日期顺序应为 mdy 或 dmy，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>There is no field {value!r} to map; the fields are: {fields}.</source>
        <translation>没有可映射的字段 {value!r}；可用的字段为：{fields}。</translation>
    </message>
    <message>
        <source>The file has no column {value!r}; its columns are: {headers}.</source>
        <translation>文件中没有 {value!r} 列；文件的列为：{headers}。</translation>
    </message>
    <message>
        <source>No column is mapped to {value}: name it with --column {value}=HEADER (the file&apos;s columns are: {headers}).</source>
        <translation>没有列映射到 {value}：请用 --column {value}=HEADER 指定（文件的列为：{headers}）。</translation>
    </message>
    <message>
        <source>This is not a ledger checkpoint file.</source>
        <translation>这不是台账检查点文件。</translation>
    </message>
    <message>
        <source>This is not a ledger checkpoint file (not JSON).</source>
        <translation>这不是台账检查点文件（不是 JSON）。</translation>
    </message>
    <message>
        <source>--from to --to spans {value} days; at most {maximum} days are allowed.</source>
        <translation>--from 到 --to 跨越 {value} 天；最多允许 {maximum} 天。</translation>
    </message>
    <message>
        <source>--days must be 1 to {maximum}, not {value}.</source>
        <translation>--days 必须在 1 到 {maximum} 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>The distance must be more than 0 km, not {value}.</source>
        <translation>距离必须大于 0 公里，而不是 {value}。</translation>
    </message>
    <message>
        <source>The last day ({value}) comes before the first day.</source>
        <translation>最后一天（{value}）早于第一天。</translation>
    </message>
    <message>
        <source>No notice {id}.</source>
        <translation>没有编号为 {id} 的通知。</translation>
    </message>
    <message>
        <source>{name!r} matches {count} organisations: {candidates}. Type more of the name.</source>
        <translation>{name!r} 匹配到 {count} 个组织：{candidates}。请输入更完整的名称。</translation>
    </message>
    <message>
        <source>The seal must be a PNG or SVG image; this file is neither.</source>
        <translation>公章必须是 PNG 或 SVG 图片；此文件两者都不是。</translation>
    </message>
    <message>
        <source>Name the organisation.</source>
        <translation>请指明组织。</translation>
    </message>
    <message>
        <source>The seal file is empty.</source>
        <translation>公章文件为空。</translation>
    </message>
    <message>
        <source>The seal image is {size} KB; at most {limit} KB are accepted.</source>
        <translation>公章图片为 {size} KB；最多只接受 {limit} KB。</translation>
    </message>
    <message>
        <source>The SVG seal declares entities, which are not accepted.</source>
        <translation>SVG 公章声明了实体，这是不允许的。</translation>
    </message>
    <message>
        <source>The XML file is not an SVG image (its root is {tag!r}).</source>
        <translation>该 XML 文件不是 SVG 图片（其根元素为 {tag!r}）。</translation>
    </message>
    <message>
        <source>{field} must be text.</source>
        <translation>{field} 必须是文本。</translation>
    </message>
    <message>
        <source>{field} must be {low} to {high}, not {value}.</source>
        <translation>{field} 必须在 {low} 到 {high} 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>Only the coordinators of {organisation} can see its settings.</source>
        <translation>只有 {organisation} 的协调员可以查看其设置。</translation>
    </message>
    <message>
        <source>The seal file starts like a PNG but is damaged.</source>
        <translation>公章文件开头像 PNG，但已损坏。</translation>
    </message>
    <message>
        <source>The SVG seal is not well-formed XML ({problem}).</source>
        <translation>SVG 公章不是格式正确的 XML（{problem}）。</translation>
    </message>
    <message>
        <source>The SVG seal contains scripts or embedded pages.</source>
        <translation>SVG 公章包含脚本或嵌入页面。</translation>
    </message>
    <message>
        <source>{field} is not a setting of an organisation.</source>
        <translation>{field} 不是组织的设置项。</translation>
    </message>
    <message>
        <source>Only the admins of {organisation} can change its settings.</source>
        <translation>只有 {organisation} 的管理员可以更改其设置。</translation>
    </message>
    <message>
        <source>{field} must be a whole number, not {value!r}.</source>
        <translation>{field} 必须是整数，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>{field} must be yes or no, not {value!r}.</source>
        <translation>{field} 必须是 yes 或 no，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>Give both latitude and longitude, or neither.</source>
        <translation>请同时填写纬度和经度，或都不填。</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90, not {value}.</source>
        <translation>纬度必须在 -90 到 90 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>Longitude must be between -180 and 180, not {value}.</source>
        <translation>经度必须在 -180 到 180 之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>The address is longer than {maximum} characters.</source>
        <translation>地址超过了 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>This account is not active.</source>
        <translation>此账户未启用。</translation>
    </message>
    <message>
        <source>Only the volunteer and coordinators of their organisations may see their private details.</source>
        <translation>只有志愿者本人及其所属组织的协调员可以查看其私人信息。</translation>
    </message>
    <message>
        <source>a task of another organisation</source>
        <translation>另一个组织的任务</translation>
    </message>
    <message>
        <source>The file starts as {encoding} text but byte {value} is not {encoding}.</source>
        <translation>文件以 {encoding} 文本开头，但第 {value} 个字节不是 {encoding}。</translation>
    </message>
    <message>
        <source>A task&apos;s window may last at most {maximum} days, not {value}.</source>
        <translation>任务的时间段最长为 {maximum} 天，而不是 {value} 天。</translation>
    </message>
    <message>
        <source>{field} is in the year {value}; tasks run between {low} and {high}.</source>
        <translation>{field} 在 {value} 年；任务须在 {low} 年到 {high} 年之间。</translation>
    </message>
    <message>
        <source>Task {title!r} is cancelled; duplicate it to post it again.</source>
        <translation>任务 {title!r} 已取消；如需再次发布，请复制该任务。</translation>
    </message>
    <message>
        <source>Task {title!r} is {status}; only a task that is {allowed} can be {action}.</source>
        <translation>任务 {title!r} 当前为“{status}”；只有“{allowed}”的任务才能{action}。</translation>
    </message>
    <message>
        <source>Task {title!r} is cancelled already.</source>
        <translation>任务 {title!r} 已经取消。</translation>
    </message>
    <message>
        <source>No occurrence {id}.</source>
        <translation>没有编号为 {id} 的场次。</translation>
    </message>
    <message>
        <source>This date of {title!r} is cancelled already.</source>
        <translation>{title!r} 的这一日期已经取消。</translation>
    </message>
    <message>
        <source>This date of {title!r} is over; it cannot be cancelled.</source>
        <translation>{title!r} 的这一日期已经结束，无法取消。</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>姓名为空。</translation>
    </message>
    <message>
        <source>The travel radius must be more than 0 and at most {maximum} km.</source>
        <translation>服务半径必须大于 0 且不超过 {maximum} 公里。</translation>
    </message>
    <message>
        <source>{value} is in the file twice (first in row {first}).</source>
        <translation>{value} 在文件中出现了两次（首次出现在第 {first} 行）。</translation>
    </message>
    <message>
        <source>{value} has an account already: it gets the volunteer role; its profile stays as its owner keeps it.</source>
        <translation>{value} 已有账户：将为其添加志愿者角色；其资料保持不变，由账户本人维护。</translation>
    </message>
    <message>
        <source>Someone else changed the same data at the same time; try again.</source>
        <translation>有人同时修改了相同的数据；请重试。</translation>
    </message>
    <message>
        <source>{field} is {length} characters long; at most {limit} fit: {value}</source>
        <translation>{field} 长 {length} 个字符，最多只能容纳 {limit} 个：{value}</translation>
    </message>
    <message>
        <source>{field} may not hold a NUL character: {value}</source>
        <translation>{field} 不能包含 NUL 字符：{value}</translation>
    </message>
    <message>
        <source>{field} holds a broken character (a lone surrogate): {value}</source>
        <translation>{field} 含有损坏的字符（孤立代理项）：{value}</translation>
    </message>
    <message>
        <source>No database URL was given. Name an SQLite file (sqlite:///PATH) or a PostgreSQL server (postgresql+psycopg://USER@HOST/DATABASE).</source>
        <translation>未提供数据库 URL。请指定一个 SQLite 文件（sqlite:///PATH）或 PostgreSQL 服务器（postgresql+psycopg://USER@HOST/DATABASE）。</translation>
    </message>
    <message>
        <source>“{url}” is not a database URL. Name an SQLite file (sqlite:///PATH) or a PostgreSQL server (postgresql+psycopg://USER@HOST/DATABASE).</source>
        <translation>“{url}”不是数据库 URL。请指定一个 SQLite 文件（sqlite:///PATH）或 PostgreSQL 服务器（postgresql+psycopg://USER@HOST/DATABASE）。</translation>
    </message>
    <message>
        <source>The port in the database URL {url} is not a number from 1 to 65535.</source>
        <translation>数据库 URL {url} 中的端口不是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>The SQLite URL {url} has two slashes where three are needed: sqlite:///relative/path or sqlite:////absolute/path.</source>
        <translation>SQLite URL {url} 少了一个斜杠（需要三个）：sqlite:///相对路径 或 sqlite:////绝对路径。</translation>
    </message>
    <message>
        <source>The database URL {url} is for {backend}; this app works with SQLite (sqlite:///PATH) and PostgreSQL (postgresql+psycopg://…).</source>
        <translation>数据库 URL {url} 用于 {backend}；本应用支持 SQLite（sqlite:///PATH）和 PostgreSQL（postgresql+psycopg://…）。</translation>
    </message>
    <message>
        <source>The database URL {url} names the driver “{driver}”, which does not exist; use postgresql+psycopg:// or sqlite:///.</source>
        <translation>数据库 URL {url} 指定的驱动“{driver}”不存在；请使用 postgresql+psycopg:// 或 sqlite:///。</translation>
    </message>
    <message>
        <source>The database URL {url} names the driver “{driver}”, which is for asynchronous programs; use postgresql+psycopg:// or sqlite:///.</source>
        <translation>数据库 URL {url} 指定的驱动“{driver}”用于异步程序；请使用 postgresql+psycopg:// 或 sqlite:///。</translation>
    </message>
    <message>
        <source>The database URL {url} needs the driver “{driver}”, which is not installed; use postgresql+psycopg:// or sqlite:/// instead.</source>
        <translation>数据库 URL {url} 需要驱动“{driver}”，但它未安装；请改用 postgresql+psycopg:// 或 sqlite:///。</translation>
    </message>
    <message>
        <source>The database path {path} goes through {file}, which is a file, not a folder.</source>
        <translation>数据库路径 {path} 经过 {file}，而它是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist, so the database {path} cannot be there. Create the folder or choose another location.</source>
        <translation>文件夹 {folder} 不存在，因此数据库 {path} 无法放在那里。请创建该文件夹或选择其他位置。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written to, so the database {path} cannot be used there. Choose a folder you may write to.</source>
        <translation>文件夹 {folder} 不可写入，因此无法在那里使用数据库 {path}。请选择您可以写入的文件夹。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file. Name a file in it, such as {example}.</source>
        <translation>{path} 是文件夹，不是数据库文件。请指定其中的一个文件，例如 {example}。</translation>
    </message>
    <message>
        <source>{path} is not a regular file, so it cannot hold a database.</source>
        <translation>{path} 不是普通文件，不能存放数据库。</translation>
    </message>
    <message>
        <source>The database file {path} cannot be read or written (check its permissions).</source>
        <translation>数据库文件 {path} 无法读取或写入（请检查其权限）。</translation>
    </message>
    <message>
        <source>{path} is not an SQLite database (it holds something else, such as text). Choose the app&apos;s database file.</source>
        <translation>{path} 不是 SQLite 数据库（其中是其他内容，例如文本）。请选择本应用的数据库文件。</translation>
    </message>
    <message>
        <source>{path} is a damaged or incomplete SQLite database (cut short or overwritten). Restore it from a backup (volunteer-app db restore).</source>
        <translation>{path} 是已损坏或不完整的 SQLite 数据库（被截断或被覆盖）。请从备份恢复（volunteer-app db restore）。</translation>
    </message>
    <message>
        <source>{path} is another program&apos;s SQLite database (it has tables such as {tables} and none of volunteer-app&apos;s). Choose the app&apos;s database file.</source>
        <translation>{path} 是其他程序的 SQLite 数据库（其中有 {tables} 等表，没有 volunteer-app 的表）。请选择本应用的数据库文件。</translation>
    </message>
    <message>
        <source>The database path {path} cannot be used: {reason}.</source>
        <translation>无法使用数据库路径 {path}：{reason}。</translation>
    </message>
    <message>
        <source>No open task occurrence {id}.</source>
        <translation>没有编号为 {id} 的开放任务场次。</translation>
    </message>
    <message>
        <source>Already signed up for {title!r}.</source>
        <translation>已经报名了 {title!r}。</translation>
    </message>
    <message>
        <source>Task {title!r} is full.</source>
        <translation>任务 {title!r} 已满员。</translation>
    </message>
    <message>
        <source>No signup {id}.</source>
        <translation>没有编号为 {id} 的报名。</translation>
    </message>
    <message>
        <source>You may not change this signup from {old} to {new}.</source>
        <translation>您不能把此报名从 {old} 改为 {new}。</translation>
    </message>
    <message>
        <source>The title must not be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <source>The end ({value}) must come after the start.</source>
        <translation>结束时间（{value}）必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Latitude {value} is outside -90..90.</source>
        <translation>纬度 {value} 超出 -90..90 的范围。</translation>
    </message>
    <message>
        <source>Longitude {value} is outside -180..180.</source>
        <translation>经度 {value} 超出 -180..180 的范围。</translation>
    </message>
    <message>
        <source>A task needs at least 1 slot, not {value}.</source>
        <translation>任务至少需要 1 个名额，而不是 {value}。</translation>
    </message>
    <message>
        <source>Priority must be 1 to 5, not {value}.</source>
        <translation>优先级必须是 1 到 5，而不是 {value}。</translation>
    </message>
    <message>
        <source>The repeat ends ({value}) before the task starts.</source>
        <translation>重复的结束日期（{value}）早于任务开始时间。</translation>
    </message>
    <message>
        <source>A fixed shift takes its length from start and end.</source>
        <translation>固定班次的时长由开始和结束时间决定。</translation>
    </message>
    <message>
        <source>A shift may last at most 12 hours, not {value} minutes.</source>
        <translation>一个班次最长 12 小时，而不是 {value} 分钟。</translation>
    </message>
    <message>
        <source>A flexible task needs its minutes (more than 0).</source>
        <translation>灵活时间的任务需要填写分钟数（大于 0）。</translation>
    </message>
    <message>
        <source>{value} minutes do not fit in a window of {span} minutes.</source>
        <translation>{value} 分钟放不进 {span} 分钟的时间段。</translation>
    </message>
    <message>
        <source>A remote task has no place on the map.</source>
        <translation>线上任务在地图上没有位置。</translation>
    </message>
    <message>
        <source>Skill {skill}: level must be 1 to 5, not {value}.</source>
        <translation>技能 {skill}：等级必须是 1 到 5，而不是 {value}。</translation>
    </message>
    <message>
        <source>Unknown time zone {value!r}.</source>
        <translation>未知时区 {value!r}。</translation>
    </message>
    <message>
        <source>{value!r} is not a phone number: use digits, spaces and + - ( ) only.</source>
        <translation>{value!r} 不是电话号码：只能使用数字、空格和 + - ( )。</translation>
    </message>
    <message>
        <source>The languages are longer than {maximum} characters.</source>
        <translation>语言超过了 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>A travel distance of {value} km is not possible: choose more than 0 and at most {maximum} km.</source>
        <translation>无法设置 {value} 公里的服务距离：请选择大于 0 且不超过 {maximum} 公里的值。</translation>
    </message>
    <message>
        <source>A weekly limit of {value} hours is not possible: choose from 0 to {maximum} hours.</source>
        <translation>无法设置每周 {value} 小时的上限：请选择 0 到 {maximum} 小时。</translation>
    </message>
    <message>
        <source>{value!r} is not a time zone such as Asia/Shanghai.</source>
        <translation>{value!r} 不是有效的时区（例如 Asia/Shanghai）。</translation>
    </message>
    <message>
        <source>{value!r} is not a skill in the catalogue.</source>
        <translation>{value!r} 不在技能目录中。</translation>
    </message>
    <message>
        <source>Level {value} for {skill!r} is not possible: levels go from {low} to {high}.</source>
        <translation>{skill!r} 的等级不能为 {value}：等级范围为 {low} 到 {high}。</translation>
    </message>
    <message>
        <source>{value!r} is not a language tag such as zh, en or zh-Hant.</source>
        <translation>{value!r} 不是有效的语言标记（例如 zh、en 或 zh-Hant）。</translation>
    </message>
    <message>
        <source>The period ends ({value}) before it starts.</source>
        <translation>期间的结束日期（{value}）早于开始日期。</translation>
    </message>
    <message>
        <source>{email} is not on the roster of {title!r}; add them as a walk-in.</source>
        <translation>{email} 不在 {title!r} 的名单上；请以现场加入的方式添加。</translation>
    </message>
    <message>
        <source>{value} is in the future; give the time it happened.</source>
        <translation>{value} 是将来的时间；请填写实际发生的时间。</translation>
    </message>
    <message>
        <source>{value} is far from the task&apos;s time ({when}); give the time it happened.</source>
        <translation>{value} 与任务时间（{when}）相差太远；请填写实际发生的时间。</translation>
    </message>
    <message>
        <source>All {slots} places of {title!r} are taken; {name} cannot be checked in.</source>
        <translation>{title!r} 的 {slots} 个名额已全部占满；无法为 {name} 签到。</translation>
    </message>
    <message>
        <source>{name} checked out already; correct their hours record instead.</source>
        <translation>{name} 已经签退；请改为更正其时长记录。</translation>
    </message>
    <message>
        <source>{name} has not checked in; check them in first.</source>
        <translation>{name} 尚未签到；请先为其签到。</translation>
    </message>
    <message>
        <source>The check-out ({value}) must come after the check-in ({checked_in}).</source>
        <translation>签退时间（{value}）必须晚于签到时间（{checked_in}）。</translation>
    </message>
    <message>
        <source>{name} checked in at {time}, so they are not a no-show.</source>
        <translation>{name} 已于 {time} 签到，因此不算缺席。</translation>
    </message>
    <message>
        <source>{name} does not hold a place ({status}), so they cannot be a no-show.</source>
        <translation>{name} 未占有名额（{status}），因此不能标记为缺席。</translation>
    </message>
    <message>
        <source>{name}&apos;s stint starts {time}; mark a no-show once it has begun.</source>
        <translation>{name} 的服务时段 {time} 开始；开始后才能标记缺席。</translation>
    </message>
    <message>
        <source>{email} is on the roster already; check them in instead.</source>
        <translation>{email} 已在名单上；请改为为其签到。</translation>
    </message>
    <message>
        <source>Only coordinators and administrators may change the trusted keys.</source>
        <translation>只有协调员和管理员可以更改受信任的密钥。</translation>
    </message>
    <message>
        <source>Sign in again to unlock your organisation&apos;s key.</source>
        <translation>请重新登录以解锁您所在组织的密钥。</translation>
    </message>
    <message>
        <source>{organisation} has no signing key yet: a coordinator or an administrator must sign in first.</source>
        <translation>{organisation} 还没有签名密钥：需要协调员或管理员先登录。</translation>
    </message>
    <message>
        <source>Only coordinators and admins of {organisation} may sign for it.</source>
        <translation>只有 {organisation} 的协调员和管理员可以代表其签名。</translation>
    </message>
    <message>
        <source>{organisation}&apos;s signing key has not been shared with you yet: it will be when another coordinator or an administrator of {organisation} signs in.</source>
        <translation>{organisation} 的签名密钥尚未与您共享：当 {organisation} 的其他协调员或管理员登录时就会共享。</translation>
    </message>
    <message>
        <source>Your copy of {organisation}&apos;s signing key does not match its public key; ask another coordinator of {organisation} to sign in so it is shared with you again.</source>
        <translation>您持有的 {organisation} 签名密钥副本与其公钥不匹配；请让 {organisation} 的另一位协调员登录，以便重新与您共享。</translation>
    </message>
    <message>
        <source>{organisation} has no signing key yet: it gets one when a coordinator signs in.</source>
        <translation>{organisation} 还没有签名密钥：协调员登录时会为其生成。</translation>
    </message>
    <message>
        <source>This is not a public key file: it is far too long.</source>
        <translation>这不是公钥文件：文件太长了。</translation>
    </message>
    <message>
        <source>The fingerprint written in this file ({stated}) does not match its key ({actual}).</source>
        <translation>此文件中写明的指纹（{stated}）与其密钥（{actual}）不匹配。</translation>
    </message>
    <message>
        <source>This key file names no organisation: give its name.</source>
        <translation>此密钥文件没有指明组织：请提供组织名称。</translation>
    </message>
    <message>
        <source>Give at least 8 characters of the fingerprint.</source>
        <translation>请至少提供指纹的 8 个字符。</translation>
    </message>
    <message>
        <source>This is not a public key file (JSON or PEM, as volunteer-app exports them).</source>
        <translation>这不是公钥文件（应为 volunteer-app 导出的 JSON 或 PEM 格式）。</translation>
    </message>
    <message>
        <source>This is the key of {organisation}, kept in this database already.</source>
        <translation>这是 {organisation} 的密钥，本数据库中已保存。</translation>
    </message>
    <message>
        <source>This key is trusted already, as {organisation}&apos;s.</source>
        <translation>此密钥已作为 {organisation} 的密钥受到信任。</translation>
    </message>
    <message>
        <source>No trusted key has the fingerprint {fingerprint}.</source>
        <translation>没有指纹为 {fingerprint} 的受信任密钥。</translation>
    </message>
    <message>
        <source>{fingerprint} starts {count} fingerprints: give more of it.</source>
        <translation>有 {count} 个指纹以 {fingerprint} 开头：请提供更多字符。</translation>
    </message>
    <message>
        <source>This JSON file is not a volunteer-app public key.</source>
        <translation>此 JSON 文件不是 volunteer-app 公钥。</translation>
    </message>
    <message>
        <source>This public key file is damaged: its key cannot be read.</source>
        <translation>此公钥文件已损坏：无法读取其中的密钥。</translation>
    </message>
    <message>
        <source>This PEM key is not an Ed25519 key.</source>
        <translation>此 PEM 密钥不是 Ed25519 密钥。</translation>
    </message>
    <message>
        <source>{fingerprint} is the key of an organisation in this database, not an imported one.</source>
        <translation>{fingerprint} 是本数据库中某个组织的密钥，不是导入的密钥。</translation>
    </message>
    <message>
        <source>This PEM file is damaged: its key cannot be read.</source>
        <translation>此 PEM 文件已损坏：无法读取其中的密钥。</translation>
    </message>
    <message>
        <source>{title!r} would take {name} over their {cap} a week ({held} held that week already).</source>
        <translation>{title!r} 会使 {name} 超出其每周 {cap} 的上限（该周已占用 {held}）。</translation>
    </message>
    <message>
        <source>{title!r} is flexible: choose when you start, between {first} and {last}.</source>
        <translation>{title!r} 为灵活时间任务：请在 {first} 到 {last} 之间选择开始时间。</translation>
    </message>
    <message>
        <source>A start at {value} is outside the task&apos;s window: start between {first} and {last}.</source>
        <translation>开始时间 {value} 不在任务的时间段内：请在 {first} 到 {last} 之间开始。</translation>
    </message>
    <message>
        <source>A start at {value} is not on the task&apos;s 15-minute steps (such as {before} or {after}).</source>
        <translation>开始时间 {value} 不符合任务的 15 分钟间隔（例如 {before} 或 {after}）。</translation>
    </message>
    <message>
        <source>{name} already holds a place on {other!r} ({when}) at the time of {title!r}.</source>
        <translation>在 {title!r} 的时间，{name} 已在 {other!r}（{when}）占有名额。</translation>
    </message>
    <message>
        <source>{title!r} on {time} was cancelled.</source>
        <translation>{time} 的 {title!r} 已取消。</translation>
    </message>
    <message>
        <source>{title!r} is no longer open for signups (it was closed).</source>
        <translation>{title!r} 已不再接受报名（已截止）。</translation>
    </message>
    <message>
        <source>{title!r} started at {time}: it is too late to sign up.</source>
        <translation>{title!r} 已于 {time} 开始：现在报名已经太晚了。</translation>
    </message>
    <message>
        <source>{title!r} needs {skill} at level {needed}; your level is {held}.</source>
        <translation>{title!r} 需要 {skill} 达到 {needed} 级；您的等级是 {held} 级。</translation>
    </message>
    <message>
        <source>This clashes with {title!r} ({time}), which you are already signed up for.</source>
        <translation>这与您已报名的 {title!r}（{time}）时间冲突。</translation>
    </message>
    <message>
        <source>{time} is outside your free hours: add that time in Free hours first.</source>
        <translation>{time} 不在您的空闲时间内：请先在“空闲时间”中添加该时间。</translation>
    </message>
    <message>
        <source>You are already on the waitlist for {title!r}.</source>
        <translation>您已经在 {title!r} 的候补名单上。</translation>
    </message>
    <message>
        <source>{title!r} is already proposed: accept or decline it in My schedule.</source>
        <translation>{title!r} 已向您发出邀请：请在“我的日程”中接受或拒绝。</translation>
    </message>
    <message>
        <source>This clashes with {title!r} ({time}), which is proposed to you.</source>
        <translation>这与向您发出邀请的 {title!r}（{time}）时间冲突。</translation>
    </message>
    <message>
        <source>You are not signed up for {title!r}.</source>
        <translation>您没有报名 {title!r}。</translation>
    </message>
    <message>
        <source>No signup {id} of yours.</source>
        <translation>您没有编号为 {id} 的报名。</translation>
    </message>
    <message>
        <source>{value} is empty: it has no header row.</source>
        <translation>{value} 是空的：没有表头行。</translation>
    </message>
    <message>
        <source>{value} is not a CSV file this app can read: {reason}</source>
        <translation>{value} 不是本应用能读取的 CSV 文件：{reason}</translation>
    </message>
    <message>
        <source>{value} is not an XLSX workbook this app can read: {reason}</source>
        <translation>{value} 不是本应用能读取的 XLSX 工作簿：{reason}</translation>
    </message>
    <message>
        <source>Part {part} of the statement is not an hours part nor a certificate.</source>
        <translation>时长清单的第 {part} 部分既不是时长部分，也不是证明。</translation>
    </message>
    <message>
        <source>Part {part} of the statement is incomplete (content, fingerprint, signature).</source>
        <translation>时长清单的第 {part} 部分不完整（内容、指纹、签名）。</translation>
    </message>
    <message>
        <source>Part {part} is signed by a key this installation does not trust (fingerprint {fingerprint}…, said to be {organisation}); import that organisation&apos;s public key first.</source>
        <translation>第 {part} 部分由本机未信任的密钥签名（指纹 {fingerprint}…，声称属于 {organisation}）；请先导入该组织的公钥。</translation>
    </message>
    <message>
        <source>Part {part} is about {name} ({email}), not you.</source>
        <translation>第 {part} 部分是关于 {name}（{email}）的，而不是您。</translation>
    </message>
    <message>
        <source>The file is too large to be a statement ({size} bytes).</source>
        <translation>文件太大，不可能是时长清单（{size} 字节）。</translation>
    </message>
    <message>
        <source>The file is not a volunteer-app hour statement.</source>
        <translation>此文件不是 volunteer-app 时长清单。</translation>
    </message>
    <message>
        <source>This statement has version {version}, which this version cannot read.</source>
        <translation>此时长清单的版本为 {version}，当前版本无法读取。</translation>
    </message>
    <message>
        <source>The statement has no parts.</source>
        <translation>时长清单不包含任何部分。</translation>
    </message>
    <message>
        <source>The statement has too many parts ({count}).</source>
        <translation>时长清单包含的部分过多（{count} 个）。</translation>
    </message>
    <message>
        <source>{name} has no signed hours to export yet: ask the organisation for a certificate, or a coordinator to export a statement for you.</source>
        <translation>{name} 还没有可导出的已签名时长：请向组织申请证明，或请协调员为您导出时长清单。</translation>
    </message>
    <message>
        <source>Part {part}&apos;s signature does not match its content: it was changed after {organisation} signed it.</source>
        <translation>第 {part} 部分的签名与其内容不匹配：它在 {organisation} 签名后被修改过。</translation>
    </message>
    <message>
        <source>Part {part} is about {name}, not you.</source>
        <translation>第 {part} 部分是关于 {name} 的，而不是您。</translation>
    </message>
    <message>
        <source>Part {part} is signed but not a statement this version reads ({reason}).</source>
        <translation>第 {part} 部分已签名，但不是当前版本能读取的时长清单（{reason}）。</translation>
    </message>
    <message>
        <source>The file is not a statement (it is not JSON).</source>
        <translation>此文件不是时长清单（不是 JSON）。</translation>
    </message>
    <message>
        <source>Only coordinators export statements for other people.</source>
        <translation>只有协调员可以为其他人导出时长清单。</translation>
    </message>
    <message>
        <source>Part {part} of the statement cannot be read: {reason}.</source>
        <translation>无法读取时长清单的第 {part} 部分：{reason}。</translation>
    </message>
    <message>
        <source>The file {path} already exists; choose another name or allow replacing it.</source>
        <translation>文件 {path} 已存在；请选择其他名称或允许覆盖。</translation>
    </message>
    <message>
        <source>There is no database at {path}; check the path (nothing was created).</source>
        <translation>{path} 处没有数据库；请检查路径（未创建任何内容）。</translation>
    </message>
    <message>
        <source>{value!r}: a volunteer&apos;s part must be more than 0 and at most 12 hours.</source>
        <translation>{value!r}：每位志愿者的服务时长必须大于 0 且不超过 12 小时。</translation>
    </message>
    <message>
        <source>An ongoing role with no end date: it repeats weekly for {weeks} weeks.</source>
        <translation>没有结束日期的长期岗位：每周重复，共 {weeks} 周。</translation>
    </message>
    <message>
        <source>Weekly repeats stop after {weeks} weeks, on {last}, not {until}.</source>
        <translation>每周重复最多持续 {weeks} 周，到 {last} 为止，而不是 {until}。</translation>
    </message>
    <message>
        <source>The title is empty.</source>
        <translation>标题为空。</translation>
    </message>
    <message>
        <source>The category is longer than {maximum} characters.</source>
        <translation>类别超过了 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>The row has no start date.</source>
        <translation>该行没有开始日期。</translation>
    </message>
    <message>
        <source>The end ({value}) comes before the start.</source>
        <translation>结束时间（{value}）早于开始时间。</translation>
    </message>
    <message>
        <source>{days} days with no times of day: imported as a weekly role (one window a week), not one long window.</source>
        <translation>{days} 天且没有具体时刻：已作为每周岗位导入（每周一个时间段），而不是一个很长的时间段。</translation>
    </message>
    <message>
        <source>The title is longer than {maximum} characters.</source>
        <translation>标题超过了 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>{value} places means &quot;as many as possible&quot;: stored as {maximum}.</source>
        <translation>{value} 个名额表示“尽可能多”：已存为 {maximum}。</translation>
    </message>
    <message>
        <source>{value} places is more than {maximum}: stored as {maximum}.</source>
        <translation>{value} 个名额超过了 {maximum}：已存为 {maximum}。</translation>
    </message>
    <message>
        <source>A window needs both its start and its end.</source>
        <translation>时间段需要同时有开始和结束时间。</translation>
    </message>
    <message>
        <source>The contact person must be a coordinator of the task&apos;s organisation.</source>
        <translation>联系人必须是该任务所属组织的协调员。</translation>
    </message>
    <message>
        <source>A new task cannot start cancelled.</source>
        <translation>新任务不能以已取消状态创建。</translation>
    </message>
    <message>
        <source>Unknown skill {value!r}.</source>
        <translation>未知技能 {value!r}。</translation>
    </message>
    <message>
        <source>No task {id}.</source>
        <translation>没有编号为 {id} 的任务。</translation>
    </message>
    <message>
        <source>A task cannot move to another organisation.</source>
        <translation>任务不能转移到其他组织。</translation>
    </message>
    <message>
        <source>Pick the place from the list (press Find), or tick “Remote / no place”.</source>
        <translation>请从列表中选择地点（按“查找”），或勾选“线上 / 无地点”。</translation>
    </message>
    <message>
        <source>Choose the organisation.</source>
        <translation>请选择组织。</translation>
    </message>
    <message>
        <source>You cannot remove your own account.</source>
        <translation>您不能删除自己的账户。</translation>
    </message>
</context>
<context>
    <name>geo</name>
    <message>
        <source>The online geocoder found nothing for {query!r}.</source>
        <translation>在线地理编码服务没有找到 {query!r}。</translation>
    </message>
    <message>
        <source>Type an address, a city or coordinates.</source>
        <translation>请输入地址、城市或坐标。</translation>
    </message>
    <message>
        <source>Coordinates need a latitude from -90 to 90 and a longitude from -180 to 180.</source>
        <translation>坐标的纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。</translation>
    </message>
    <message>
        <source>The geocoder at {url} sent a reply that is not a Nominatim answer.</source>
        <translation>{url} 的地理编码服务返回的内容不是 Nominatim 格式的应答。</translation>
    </message>
    <message>
        <source>The geocoder address {url!r} is not an http:// or https:// URL.</source>
        <translation>地理编码服务地址 {url!r} 不是 http:// 或 https:// 开头的网址。</translation>
    </message>
    <message>
        <source>The geocoder at {url} did not answer within {seconds:g} seconds.</source>
        <translation>{url} 的地理编码服务在 {seconds:g} 秒内没有应答。</translation>
    </message>
    <message>
        <source>The geocoder at {url} asks us to slow down; try again in a minute.</source>
        <translation>{url} 的地理编码服务要求降低请求频率，请一分钟后再试。</translation>
    </message>
    <message>
        <source>The geocoder at {url} refused the request ({detail}).</source>
        <translation>{url} 的地理编码服务拒绝了请求（{detail}）。</translation>
    </message>
    <message>
        <source>Cannot reach the geocoder at {url} ({detail}).</source>
        <translation>无法连接 {url} 的地理编码服务（{detail}）。</translation>
    </message>
    <message>
        <source>The geocoder at {url} rejected the query ({detail}).</source>
        <translation>{url} 的地理编码服务拒绝了这个查询（{detail}）。</translation>
    </message>
    <message>
        <source>The geocoder at {url} failed ({detail}).</source>
        <translation>{url} 的地理编码服务出错（{detail}）。</translation>
    </message>
</context>
<context>
    <name>ledger</name>
    <message>
        <source>{organisation}: {what} {id} has {fact} {stored!r} but its last ledger entry ({seq}) says {ledger!r} (changed behind the app&apos;s back).</source>
        <translation>{organisation}：{what} {id} 的{fact}为 {stored!r}，但其最后一条台账条目（{seq}）记为 {ledger!r}（在应用之外被修改）。</translation>
    </message>
    <message>
        <source>{organisation}: {what} {id} has {fact} {stored!r} but ledger entry {seq} says {ledger!r} (changed behind the app&apos;s back).</source>
        <translation>{organisation}：{what} {id} 的{fact}为 {stored!r}，但台账条目 {seq} 记为 {ledger!r}（在应用之外被修改）。</translation>
    </message>
    <message>
        <source>The checkpoint of {organisation} is signed with a key this database neither holds nor trusts ({fingerprint}).</source>
        <translation>{organisation} 的检查点由本数据库既未持有也不信任的密钥签名（{fingerprint}）。</translation>
    </message>
    <message>
        <source>The checkpoint names {organisation}, which is not in this database.</source>
        <translation>检查点指明的组织 {organisation} 不在本数据库中。</translation>
    </message>
    <message>
        <source>{organisation}: record {record} is {status} but no ledger entry decides it (changed or inserted behind the app&apos;s back).</source>
        <translation>{organisation}：记录 {record} 的状态为“{status}”，但没有任何台账条目对其作出决定（在应用之外被修改或插入）。</translation>
    </message>
    <message>
        <source>{organisation}: certificate {number} is in the register but no ledger entry issued it (inserted behind the app&apos;s back).</source>
        <translation>{organisation}：证明 {number} 在登记册中，但没有任何台账条目出具过它（在应用之外被插入）。</translation>
    </message>
    <message>
        <source>The checkpoint of {organisation} has a bad signature: it was altered.</source>
        <translation>{organisation} 的检查点签名无效：它已被篡改。</translation>
    </message>
    <message>
        <source>{organisation}: the chain is shorter than the {length} entries of the checkpoint of {at} (entries were removed).</source>
        <translation>{organisation}：台账链短于 {at} 检查点记录的 {length} 个条目（有条目被删除）。</translation>
    </message>
    <message>
        <source>{organisation}: entry {seq} ({action}) was changed: its content no longer matches its hash.</source>
        <translation>{organisation}：条目 {seq}（{action}）已被修改：其内容与哈希值不再匹配。</translation>
    </message>
    <message>
        <source>{organisation}: entry {length} differs from the checkpoint of {at}: the chain was rewritten since.</source>
        <translation>{organisation}：条目 {length} 与 {at} 的检查点不一致：此后台账链被改写过。</translation>
    </message>
    <message>
        <source>{organisation}: entries {first} to {last} are missing (removed behind the app&apos;s back).</source>
        <translation>{organisation}：条目 {first} 至 {last} 缺失（在应用之外被删除）。</translation>
    </message>
    <message>
        <source>{organisation}: entry {seq} appears twice.</source>
        <translation>{organisation}：条目 {seq} 出现了两次。</translation>
    </message>
    <message>
        <source>{organisation}: entry {seq} does not follow entry {before}: an entry was changed, removed or inserted between them.</source>
        <translation>{organisation}：条目 {seq} 未接在条目 {before} 之后：两者之间有条目被修改、删除或插入。</translation>
    </message>
    <message>
        <source>{organisation}: record {record}, decided by entry {seq}, is missing (deleted behind the app&apos;s back).</source>
        <translation>{organisation}：由条目 {seq} 决定的记录 {record} 缺失（在应用之外被删除）。</translation>
    </message>
    <message>
        <source>{organisation}: certificate {certificate}, named by entry {seq}, is missing (deleted behind the app&apos;s back).</source>
        <translation>{organisation}：条目 {seq} 所指的证明 {certificate} 缺失（在应用之外被删除）。</translation>
    </message>
</context>
</TS>
