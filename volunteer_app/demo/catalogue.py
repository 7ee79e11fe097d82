"""The demo's catalogues: cities, skills, organisations, task templates and names, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.places import shipped_gazetteer

T = QT_TRANSLATE_NOOP


# --------------------------------------------------------------------------- cities


@dataclass(frozen=True)
class City:
    name_en: str
    name_zh: str
    latitude: float
    longitude: float
    timezone: str
    chinese: bool  # Chinese addresses and names
    districts: tuple[tuple[str, str], ...]  # (zh, en)
    streets: tuple[tuple[str, str], ...]  # (zh, en)
    sign_language: str | None = None  # BCP 47 tag of the local sign language

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


def _pairs(zh: str, en: str) -> tuple[tuple[str, str], ...]:
    return tuple(zip(zh.split(), en.split("|"), strict=True))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _same(en: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, n) for n in en.split("|"))


_CN_GENERIC_DISTRICTS = _pairs(
    "老城区 城东片区 城西片区 城南片区 城北片区 新区", "Old Town|East|West|South|North|New District"
)
_CN_GENERIC_STREETS = _pairs(
    "人民路 中山路 解放路 建设路 和平路 文化路 新华路 胜利路 青年路 长江路",
    "Renmin Road|Zhongshan Road|Jiefang Road|Jianshe Road|Heping Road|Wenhua Road|Xinhua Road|Shengli Road|"
    "Qingnian Road|Changjiang Road",
)
_GENERIC_DISTRICTS = _same("Old Town|Northside|Eastside|Riverside|Westfield|Southgate")
_GENERIC_STREETS = _same(
    "High Street|Station Road|Church Street|Park Avenue|Main Street|Market Street|Mill Lane|"
    "Victoria Road|Garden Street|Bridge Road"
)

# fmt: off
CITIES: tuple[City, ...] = (
    City("Hangzhou", "杭州", 30.2741, 120.1551, "Asia/Shanghai", True,
         _pairs("西湖区 上城区 拱墅区 滨江区 萧山区 余杭区",
                "Xihu District|Shangcheng District|Gongshu District|Binjiang District|Xiaoshan District|"
                "Yuhang District"),
         _pairs("文三路 天目山路 延安路 解放路 庆春路 凤起路 武林路 江南大道 莫干山路 学院路 文一路 教工路",
                "Wensan Road|Tianmushan Road|Yan'an Road|Jiefang Road|Qingchun Road|Fengqi Road|Wulin Road|"
                "Jiangnan Avenue|Moganshan Road|Xueyuan Road|Wenyi Road|Jiaogong Road"), "csl"),
    City("Shanghai", "上海", 31.2304, 121.4737, "Asia/Shanghai", True,
         _pairs("黄浦区 徐汇区 静安区 长宁区 浦东新区 杨浦区 虹口区 普陀区",
                "Huangpu District|Xuhui District|Jing'an District|Changning District|Pudong New Area|"
                "Yangpu District|Hongkou District|Putuo District"),
         _pairs("南京西路 淮海中路 四川北路 复兴中路 肇嘉浜路 张杨路 世纪大道 武宁路 长寿路 衡山路",
                "West Nanjing Road|Middle Huaihai Road|North Sichuan Road|Middle Fuxing Road|Zhaojiabang Road|"
                "Zhangyang Road|Century Avenue|Wuning Road|Changshou Road|Hengshan Road"), "csl"),
    City("Beijing", "北京", 39.9042, 116.4074, "Asia/Shanghai", True,
         _pairs("东城区 西城区 朝阳区 海淀区 丰台区",
                "Dongcheng District|Xicheng District|Chaoyang District|Haidian District|Fengtai District"),
         _pairs("东四十条 朝阳门外大街 中关村大街 学院路 西直门外大街 建国路 鼓楼东大街 三里屯路 复兴路",
                "Dongsi Shitiao|Chaoyangmenwai Street|Zhongguancun Street|Xueyuan Road|Xizhimenwai Street|"
                "Jianguo Road|Gulou East Street|Sanlitun Road|Fuxing Road"), "csl"),
    City("Shenzhen", "深圳", 22.5431, 114.0579, "Asia/Shanghai", True,
         _pairs("福田区 罗湖区 南山区 宝安区 龙岗区",
                "Futian District|Luohu District|Nanshan District|Bao'an District|Longgang District"),
         _pairs("深南大道 华强北路 滨海大道 东门中路 南海大道 科苑路 红荔路 宝安大道",
                "Shennan Avenue|Huaqiang North Road|Binhai Avenue|Dongmen Middle Road|Nanhai Avenue|"
                "Keyuan Road|Hongli Road|Bao'an Avenue"), "csl"),
    City("Guangzhou", "广州", 23.1291, 113.2644, "Asia/Shanghai", True,
         _pairs("越秀区 天河区 海珠区 荔湾区 白云区",
                "Yuexiu District|Tianhe District|Haizhu District|Liwan District|Baiyun District"),
         _pairs("中山五路 北京路 天河路 江南大道 上下九路 环市东路 黄埔大道",
                "Zhongshan 5th Road|Beijing Road|Tianhe Road|Jiangnan Avenue|Shangxiajiu Road|"
                "Huanshi East Road|Huangpu Avenue"), "csl"),
    City("Chengdu", "成都", 30.5728, 104.0668, "Asia/Shanghai", True,
         _pairs("锦江区 青羊区 金牛区 武侯区 成华区",
                "Jinjiang District|Qingyang District|Jinniu District|Wuhou District|Chenghua District"),
         _pairs("春熙路 人民南路 蜀都大道 科华北路 玉林路 天府大道 长顺街 建设路",
                "Chunxi Road|South Renmin Road|Shudu Avenue|North Kehua Road|Yulin Road|Tianfu Avenue|"
                "Changshun Street|Jianshe Road"), "csl"),
    City("New York", "纽约", 40.7128, -74.0060, "America/New_York", False,
         _same("Manhattan|Brooklyn|Queens|The Bronx|Harlem"),
         _same("Broadway|Atlantic Avenue|Lexington Avenue|Flatbush Avenue|Amsterdam Avenue|Grand Concourse|"
               "Queens Boulevard|Bedford Avenue"), "ase"),
    City("London", "伦敦", 51.5074, -0.1278, "Europe/London", False,
         _same("Camden|Hackney|Islington|Southwark|Lambeth|Tower Hamlets"),
         _same("Holloway Road|Mare Street|Old Kent Road|Brixton Road|Camden High Street|Kingsland Road|"
               "Walworth Road|Whitechapel Road"), "bfi"),
)
# fmt: on

# Time zones of gazetteer cities by country (one zone, or the capital's for a wide country).
# fmt: off
_COUNTRY_ZONES = {
    "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong", "MO": "Asia/Macau", "TW": "Asia/Taipei", "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul", "SG": "Asia/Singapore", "MY": "Asia/Kuala_Lumpur", "TH": "Asia/Bangkok",
    "VN": "Asia/Ho_Chi_Minh", "IN": "Asia/Kolkata", "GB": "Europe/London", "IE": "Europe/Dublin",
    "FR": "Europe/Paris", "DE": "Europe/Berlin", "NL": "Europe/Amsterdam", "ES": "Europe/Madrid",
    "IT": "Europe/Rome", "CH": "Europe/Zurich", "AT": "Europe/Vienna", "SE": "Europe/Stockholm",
    "NZ": "Pacific/Auckland",
}
# fmt: on


def _us_zone(longitude: float) -> str:
    if longitude > -87.5:
        return "America/New_York"
    if longitude > -101:
        return "America/Chicago"
    if longitude > -115:
        return "America/Denver"
    return "America/Los_Angeles"


def resolve_city(name: str) -> City:
    """The city called ``name``: the built-in table first, then the offline gazetteer.

    Raises ``InvalidInput("city")`` naming the city when neither knows it.
    """
    wanted = name.strip().casefold().removesuffix("市").replace(" ", "")
    for city in CITIES:
        if wanted in (city.name_en.casefold().replace(" ", ""), city.name_zh):
            return city
    found = _gazetteer_city(name) if wanted else None
    if found is None:
        raise InvalidInput("city", T("errors", "Unknown city {value!r}: try a larger city nearby."), value=name)
    return found


def _gazetteer_city(name: str) -> City | None:
    try:
        matches = shipped_gazetteer().search_cities(name, limit=1)
    except FileNotFoundError:  # a build without the gazetteer file
        return None
    if not matches:
        return None
    hit = matches[0]
    chinese = hit.country_code == "CN"
    zh_name = next((a for a in hit.alternates if a and all("\u4e00" <= ch <= "\u9fff" for ch in a)), hit.name)
    if hit.country_code == "US":
        zone = _us_zone(hit.longitude)
    elif hit.country_code == "AU":
        zone = "Australia/Perth" if hit.longitude < 129 else "Australia/Sydney"
    elif hit.country_code == "CA":
        zone = "America/Vancouver" if hit.longitude < -120 else "America/Toronto"
    else:
        zone = _COUNTRY_ZONES.get(hit.country_code, "UTC")
    return City(
        name_en=hit.name,
        name_zh=zh_name.removesuffix("市"),
        latitude=hit.latitude,
        longitude=hit.longitude,
        timezone=zone,
        chinese=chinese,
        districts=_CN_GENERIC_DISTRICTS if chinese else _GENERIC_DISTRICTS,
        streets=_CN_GENERIC_STREETS if chinese else _GENERIC_STREETS,
        sign_language="csl" if chinese else None,
    )


# --------------------------------------------------------------------------- catalogues

SKILLS: tuple[tuple[str, str, str], ...] = (
    ("first_aid", "First aid", "急救"),
    ("driving", "Driving", "驾驶"),
    ("cooking", "Cooking", "烹饪"),
    ("tutoring", "Tutoring", "课业辅导"),
    ("elderly_care", "Elderly care", "助老服务"),
    ("translation_en", "English translation", "英语翻译"),
    ("sign_language", "Sign language", "手语"),
    ("it_support", "IT support", "电脑与手机帮助"),
    ("gardening", "Gardening", "园艺"),
    ("event_setup", "Event setup", "活动布置"),
    ("photography", "Photography", "摄影"),
    ("counselling", "Counselling", "心理陪伴"),
    ("childcare", "Childcare", "儿童看护"),
    ("logistics", "Logistics", "物资搬运与配送"),
    ("data_entry", "Data entry", "数据录入"),
)
# How common each skill is among volunteers (a relative weight).
SKILL_WEIGHTS = {
    "first_aid": 5,
    "driving": 6,
    "cooking": 7,
    "tutoring": 7,
    "elderly_care": 7,
    "translation_en": 4,
    "sign_language": 1,
    "it_support": 5,
    "gardening": 5,
    "event_setup": 8,
    "photography": 4,
    "counselling": 2,
    "childcare": 5,
    "logistics": 7,
    "data_entry": 6,
}


@dataclass(frozen=True)
class OrgTemplate:
    key: str  # used in e-mail addresses
    zh: str  # "{city}" and "{district}" are filled in
    en: str
    venue_zh: str
    venue_en: str


# fmt: off
ORGANISATIONS: tuple[OrgTemplate, ...] = (
    OrgTemplate("foodbank", "{city}社区食物银行", "{city} Community Food Bank", "食物银行仓库", "Food Bank Warehouse"),
    OrgTemplate("library", "{city}图书馆志愿服务队", "{city} Public Library Volunteers", "图书馆分馆", "Branch Library"),
    OrgTemplate("carehome", "{city}夕阳红养老院", "{city} Evergreen Care Home", "夕阳红养老院", "Evergreen Care Home"),
    OrgTemplate("community", "{district}邻里社区服务中心", "{district} Neighbourhood Centre", "社区服务中心",
                "Neighbourhood Centre"),
    OrgTemplate("redcross", "{city}红十字会志愿服务站", "{city} Red Cross Volunteer Hub", "红十字会服务站",
                "Red Cross Hub"),
)
# fmt: on


@dataclass(frozen=True)
class TaskTemplate:
    org: str
    zh: str
    en: str
    desc_zh: str
    desc_en: str
    category: str
    skills: tuple[tuple[str, int], ...] = ()  # skill key, minimum level
    remote: bool = False
    kinds: str = "fixed"  # "fixed", "flexible" or "both"
    when: str = "day"  # "morning", "afternoon", "evening", "day", "weekend"
    max_slots: int = 4


# A task's category is free text a coordinator types, so the demo writes it in its language.
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "admin": ("行政事务", "Admin"),
    "digital": ("数字助老", "Digital help"),
    "education": ("教育辅导", "Education"),
    "elderly": ("为老服务", "Elderly care"),
    "environment": ("环境保护", "Environment"),
    "events": ("活动支持", "Events"),
    "food": ("食物援助", "Food"),
    "health": ("健康服务", "Health"),
    "library": ("图书馆", "Library"),
    "logistics": ("物资运输", "Logistics"),
    "wellbeing": ("身心关怀", "Wellbeing"),
}

# fmt: off
TASKS: tuple[TaskTemplate, ...] = (
    # Food bank
    TaskTemplate("foodbank", "社区食物银行分拣", "Sort donations at the food bank",
                 "把捐赠的食品按保质期分类、装箱，检查包装是否完好。",
                 "Check dates and packaging, then sort and box donated food.",
                 "food", (), kinds="both", when="day", max_slots=8),
    TaskTemplate("foodbank", "爱心餐送餐上门", "Deliver meals to homebound neighbours",
                 "开车把热餐送到行动不便的居民家中，顺便问候几句。",
                 "Drive hot meals to neighbours who cannot get out, and say hello.",
                 "food", (("driving", 2),), kinds="both", when="day", max_slots=4),
    TaskTemplate("foodbank", "周末食物发放", "Weekend food distribution",
                 "在发放点登记来领取食物的家庭，帮忙搬运和排队引导。",
                 "Register families at the pick-up point, carry boxes and keep the queue moving.",
                 "food", (("logistics", 1),), when="weekend", max_slots=8),
    TaskTemplate("foodbank", "社区厨房备餐", "Prepare meals in the community kitchen",
                 "在社区厨房洗菜、切配，和厨师一起准备明天的爱心餐。",
                 "Wash, chop and cook with the kitchen lead for tomorrow's meals.",
                 "food", (("cooking", 2),), when="morning", max_slots=5),
    TaskTemplate("foodbank", "捐赠物资线上登记", "Log food donations online",
                 "在家把捐赠登记表录入系统，核对数量。",
                 "From home, enter the donation sheets into the stock system and check the totals.",
                 "admin", (("data_entry", 2),), remote=True, kinds="flexible", max_slots=3),
    # Library
    TaskTemplate("library", "图书馆儿童阅读活动", "Children's story time at the library",
                 "给 4 到 8 岁的孩子读绘本，带他们做一个小手工。",
                 "Read picture books to children aged 4 to 8 and lead a small craft.",
                 "education", (("childcare", 1),), when="weekend", max_slots=3),
    TaskTemplate("library", "中小学生作业辅导", "Homework club for pupils",
                 "放学后在图书馆陪小学生写作业，解答数学和语文问题。",
                 "Help primary pupils with maths and reading after school.",
                 "education", (("tutoring", 2),), when="afternoon", max_slots=4),
    TaskTemplate("library", "老年人智能手机课堂", "Smartphone class for older people",
                 "一对一教老人用手机挂号、视频通话和防范诈骗。",
                 "Show older people, one to one, how to book appointments, video-call and spot scams.",
                 "digital", (("it_support", 2),), when="morning", max_slots=4),
    TaskTemplate("library", "图书整理上架", "Shelve and tidy books",
                 "把归还的图书按索书号上架，整理儿童区。",
                 "Shelve returned books by call number and tidy the children's corner.",
                 "library", (), kinds="both", when="day", max_slots=4),
    TaskTemplate("library", "英语角主持", "Host the English conversation corner",
                 "带领一小组居民用英语聊天，话题轻松。",
                 "Lead a relaxed English conversation group for residents.",
                 "education", (("translation_en", 3),), when="evening", max_slots=2),
    TaskTemplate("library", "线上作业辅导", "Online homework help",
                 "通过视频帮中学生答疑，时间在窗口内自选。",
                 "Answer secondary pupils' questions by video call, at a time you choose in the window.",
                 "education", (("tutoring", 3),), remote=True, kinds="flexible", max_slots=4),
    # Care home
    TaskTemplate("carehome", "陪伴独居老人", "Visit an older neighbour who lives alone",
                 "上门陪老人聊天、读报，看看家里有没有需要帮忙的地方。",
                 "Visit for a chat, read the paper together and see if anything at home needs a hand.",
                 "elderly", (("elderly_care", 1),), kinds="both", when="afternoon", max_slots=2),
    TaskTemplate("carehome", "养老院手工下午茶", "Crafts afternoon at the care home",
                 "和老人们一起做手工、喝茶聊天。",
                 "Make crafts with residents over a cup of tea.",
                 "elderly", (), when="afternoon", max_slots=4),
    TaskTemplate("carehome", "陪同老人就医", "Accompany an older person to the hospital",
                 "开车接送老人去医院复诊，帮忙挂号、取药。",
                 "Drive a resident to a check-up and help with the paperwork and pharmacy.",
                 "elderly", (("driving", 3), ("elderly_care", 2)), when="morning", max_slots=1),
    TaskTemplate("carehome", "电话问候独居老人", "Friendly phone calls to older people",
                 "在家给独居老人打电话问候，记录他们的需要。",
                 "From home, phone older people who live alone and note anything they need.",
                 "elderly", (), remote=True, kinds="both", when="evening", max_slots=4),
    TaskTemplate("carehome", "养老院花园打理", "Tend the care home garden",
                 "给花园除草、浇水，和老人一起种花。",
                 "Weed and water the garden and plant flowers with residents.",
                 "environment", (("gardening", 2),), kinds="both", when="morning", max_slots=3),
    TaskTemplate("carehome", "手语陪伴听障老人", "Sign-language visits for deaf residents",
                 "用手语陪听障老人聊天，帮护理员沟通。",
                 "Chat with deaf residents in sign language and help carers talk with them.",
                 "elderly", (("sign_language", 3),), when="afternoon", max_slots=1),
    # Community centre
    TaskTemplate("community", "社区活动场地布置", "Set up the hall for the neighbourhood festival",
                 "搬桌椅、挂横幅、布置展位，活动后帮忙收场。",
                 "Carry tables, hang banners, set up stalls and clear up afterwards.",
                 "events", (("event_setup", 1),), when="weekend", max_slots=8),
    TaskTemplate("community", "社区活动摄影", "Photograph the neighbourhood festival",
                 "为社区活动拍照，活动后挑选 20 张发给社区。",
                 "Take photos of the event and send the centre your best 20.",
                 "events", (("photography", 3),), when="weekend", max_slots=2),
    TaskTemplate("community", "垃圾分类宣传引导", "Recycling helpers at the housing estate",
                 "在小区投放点引导居民正确分类垃圾。",
                 "Show residents at the bin stations how to sort their rubbish.",
                 "environment", (), when="morning", max_slots=6),
    TaskTemplate("community", "社区花园种植", "Community garden planting day",
                 "翻土、播种、搭架子，一起把社区花园种起来。",
                 "Dig, sow and build trellises in the community garden.",
                 "environment", (("gardening", 1),), kinds="both", when="weekend", max_slots=6),
    TaskTemplate("community", "心理支持热线值班", "Staff the listening line",
                 "在家接听倾诉热线，倾听并转介需要专业帮助的来电者。",
                 "Answer the listening line from home; listen, and refer callers who need professional help.",
                 "wellbeing", (("counselling", 3),), remote=True, when="evening", max_slots=2),
    TaskTemplate("community", "社区通知英文翻译", "Translate neighbourhood notices into English",
                 "把社区通知翻译成英文，方便外籍居民阅读。",
                 "Translate the centre's notices so that residents from abroad can read them.",
                 "admin", (("translation_en", 3),), remote=True, kinds="flexible", max_slots=2),
    # Red Cross
    TaskTemplate("redcross", "急救知识普及讲座助教", "Assist at a first-aid awareness session",
                 "协助讲师演示心肺复苏和 AED 使用，指导居民练习。",
                 "Help the trainer demonstrate CPR and the AED, and coach residents as they practise.",
                 "health", (("first_aid", 3),), when="evening", max_slots=3),
    TaskTemplate("redcross", "健步走活动医疗保障", "First-aid post at the charity walk",
                 "在补给点值守，处理擦伤、扭伤等小伤。",
                 "Staff a first-aid post on the route and treat blisters and sprains.",
                 "health", (("first_aid", 4),), when="weekend", max_slots=4),
    TaskTemplate("redcross", "无偿献血引导", "Blood drive helper",
                 "引导献血者填表、排队，献血后递上茶点。",
                 "Guide donors through the forms and the queue, and hand out snacks afterwards.",
                 "health", (), when="day", max_slots=4),
    TaskTemplate("redcross", "应急物资搬运", "Load emergency supplies",
                 "清点并搬运应急物资到仓库，需能搬 15 公斤。",
                 "Count and carry emergency supplies into the store; you should be able to lift 15 kg.",
                 "logistics", (("logistics", 2),), kinds="both", when="morning", max_slots=6),
)
# fmt: on

# Local start times (minutes after midnight) of fixed shifts by the template's time of day.
SHIFT_STARTS: dict[str, tuple[int, ...]] = {
    "morning": (510, 540, 570, 600),
    "afternoon": (810, 840, 870, 900),
    "evening": (1110, 1140, 1170),
}
REJECT_REASONS: tuple[tuple[str, str], ...] = (
    ("签到表上没有这次服务的记录。", "The sign-in sheet has no record of this shift."),
    ("时长与签到记录不符，请提交更正。", "The hours do not match the sign-in sheet; please submit a correction."),
    ("与之前提交的记录重复。", "This duplicates a record submitted earlier."),
)
THANKS: tuple[tuple[str, str], ...] = (
    ("感谢你的付出！", "Thank you for your help!"),
    ("辛苦了！", "Much appreciated!"),
)
AWAY_NOTES: tuple[tuple[str, str], ...] = (
    ("出差", "Work trip"),
    ("回老家", "Visiting family"),
    ("休假", "On holiday"),
)
EXTRA_NOTES: tuple[tuple[str, str], ...] = (
    ("调休，全天有空", "Day off, free all day"),
    ("这天下午有空", "Free this afternoon"),
)

CN_SURNAMES = _pairs(
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 韩 冯 邓 曹 沈",
    "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Gao|Luo|Zheng|Liang|Xie|Song|"
    "Tang|Han|Feng|Deng|Cao|Shen",
)
CN_GIVEN = _pairs(
    "伟 芳 娜 敏 静 丽 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 秀英 桂英 志强 子涵 欣怡 浩然 梓萱 宇轩 思远 雨桐 晓东 建国 海燕 文博 佳怡",
    "Wei|Fang|Na|Min|Jing|Li|Qiang|Lei|Yang|Yan|Yong|Jun|Jie|Juan|Tao|Ming|Chao|Xiuying|Guiying|Zhiqiang|Zihan|"
    "Xinyi|Haoran|Zixuan|Yuxuan|Siyuan|Yutong|Xiaodong|Jianguo|Haiyan|Wenbo|Jiayi",
)
EN_FIRST = _words(
    "Emma Liam Olivia Noah Ava Ethan Sophia Mason Mia Lucas Amelia James Harper Daniel Chloe Samuel Grace "
    "David Zoe Omar Aisha Priya Mateo Sofia Wei Mei Kofi Fatima Hannah Jack Rosa Tom"
)
EN_LAST = _words(
    "Smith Johnson Brown Garcia Miller Davis Wilson Taylor Anderson Thomas Martinez Lee Chen Patel Khan "
    "Nguyen O'Brien Murphy Cohen Okafor Kim Rossi Walker Hughes Evans Silva"
)
PASSWORD_WORDS = _words(
    "apple amber anchor basil birch breeze cedar cloud clover coral daisy delta ember falcon fern forest garnet "
    "harbor hazel honey island jade jasmine kettle lantern lemon lotus maple meadow mint moon orchid otter panda "
    "pearl pepper pine plum quartz river robin saffron sage shell sparrow spring stone sunny thistle tiger tulip "
    "valley violet walnut willow winter zephyr"
)
