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
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
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
        <source>Tasks near you that fit your skills and free hours will be listed here, best match first, each with the reasons it was suggested.</source>
        <translation>这里将列出您附近、适合您技能和空闲时间的任务，最匹配的排在前面，并附上推荐理由。</translation>
    </message>
    <message>
        <source>My schedule</source>
        <translation>我的日程</translation>
    </message>
    <message>
        <source>The tasks you have signed up for will appear here by date, with where to go and whom to ask.</source>
        <translation>您报名的任务将按日期显示在这里，包括地点和联系人。</translation>
    </message>
    <message>
        <source>My hours</source>
        <translation>我的时长</translation>
    </message>
    <message>
        <source>Your served hours will be shown here, which of them are verified, and the certificates you can print.</source>
        <translation>这里将显示您的服务时长、哪些已经核实，以及可以打印的证明。</translation>
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
        <source>Who is signed up for each shift will be shown here, with check-in and check-out on the day.</source>
        <translation>这里将显示每个班次的报名人员，并可在当天签到和签退。</translation>
    </message>
    <message>
        <source>Hours to verify</source>
        <translation>待核实时长</translation>
    </message>
    <message>
        <source>Hours that volunteers served for your organisations will wait here for you to verify or reject them.</source>
        <translation>志愿者为您的组织服务的时长将在这里等待您核实或驳回。</translation>
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
        <source>Figures on hours served, tasks filled and places where help is missing will appear here.</source>
        <translation>这里将显示服务时长、任务满员情况以及缺少帮助的地方等统计数据。</translation>
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
        <source>The new database location takes effect when you restart the app.</source>
        <translation>新的数据库位置将在重新启动应用后生效。</translation>
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
    <name>PlaceholderPage</name>
    <message>
        <source>This area is being built and arrives in a coming version.</source>
        <translation>此功能区正在开发中，将在后续版本中推出。</translation>
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
        <source>Same as the system</source>
        <translation>跟随系统</translation>
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
        <source>“{value}” is not a database location this app can use. Give an SQLite file (sqlite:///path/to/file.sqlite3) or a PostgreSQL server (postgresql+psycopg://user@host/database).</source>
        <translation>“{value}”不是本应用可用的数据库位置。请填写 SQLite 文件（sqlite:///path/to/file.sqlite3）或 PostgreSQL 服务器（postgresql+psycopg://user@host/database）。</translation>
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
        <source>Type your email address and your password.</source>
        <translation>请输入邮箱地址和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>TaskColumns</name>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
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
        <source>Starts</source>
        <translation>开始时间</translation>
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
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Filter by title, organisation, category or place</source>
        <translation>按标题、组织、类别或地点筛选</translation>
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
        <source>Click a column header to sort by it.</source>
        <translation>点击列标题即可按该列排序。</translation>
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
        <source>Unknown city {value!r}: try a larger city nearby.</source>
        <translation>未知城市 {value!r}：请尝试附近较大的城市。</translation>
    </message>
    <message>
        <source>Language must be zh or en, not {value!r}.</source>
        <translation>语言必须是 zh 或 en，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>The database already holds data ({people} accounts, {organisations} organisations): use --force to wipe it and fill it again, or --if-empty to leave it as it is.</source>
        <translation>数据库中已有数据（{people} 个账户，{organisations} 个组织）：使用 --force 清空后重新填充，或使用 --if-empty 保持不变。</translation>
    </message>
    <message>
        <source>{field} must be 0 to {maximum}, not {value}.</source>
        <translation>{field} 必须在 0 到 {maximum} 之间，而不是 {value}。</translation>
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
        <source>The key for ID numbers is missing ({path}).</source>
        <translation>缺少证件号码的密钥（{path}）。</translation>
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
        <source>This ID number was encrypted under another key than {path}.</source>
        <translation>此证件号码是用 {path} 以外的密钥加密的。</translation>
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
        <source>No person {id}.</source>
        <translation>没有编号为 {id} 的人员。</translation>
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
        <source>A flexible task needs the time you will start.</source>
        <translation>灵活时间的任务需要填写您的开始时间。</translation>
    </message>
    <message>
        <source>{value} is not a 15-minute step inside the task&apos;s window.</source>
        <translation>{value} 不是任务时间段内以 15 分钟为单位的时刻。</translation>
    </message>
    <message>
        <source>No open task occurrence {id}.</source>
        <translation>没有编号为 {id} 的开放任务场次。</translation>
    </message>
    <message>
        <source>Task {title!r} is not open for signups.</source>
        <translation>任务 {title!r} 未开放报名。</translation>
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
</TS>
