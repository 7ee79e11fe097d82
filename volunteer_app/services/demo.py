"""Demo data: a believable volunteering community in one city, for trying the app out.

``fill_demo`` writes organisations with their coordinators and admins, a site
administrator, volunteers with skills, homes and free hours, tasks over the next
two weeks with some signups, and a past month of completed tasks whose hours are
verified, pending, rejected or corrected. Everything comes from one seeded
``random.Random`` and a pinned "now", so a seed always gives the same community
(the same accounts, passwords and titles); only the password hashes' salts differ.

All of it is written in one transaction: a failure leaves the database as it was.
Passwords are hashed before that transaction opens, in a thread pool (Argon2
releases the GIL), because hashing is most of the time taken.
"""

from __future__ import annotations

import math
import os
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import (
    AvailabilityKind,
    Role,
    ServiceStatus,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.skills import fits
from volunteer_app.geo.distance import geodesic_km_many
from volunteer_app.geo.geocoder import reduce_precision
from volunteer_app.services import accounts, audit, signups, tasks
from volunteer_app.services.errors import Conflict, InvalidInput
from volunteer_app.services.places import HOME_PRECISION_METRES, shipped_gazetteer
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Base,
    Membership,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP
DEMO_DOMAIN = "demo.volunteer-app.org"
MAX_COUNT = 100_000
LANGUAGES = ("zh", "en")
UPCOMING_DAYS = 14
PAST_DAYS = 28
RECURRING_WEEKS = 4

# --------------------------------------------------------------------------- options and report


@dataclass(frozen=True)
class DemoOptions:
    """What to generate. ``seed=None`` picks a random seed (reported, so the run can be repeated)."""

    volunteers: int = 200
    tasks: int = 60
    seed: int | None = None
    city: str = "Hangzhou"
    lang: str = "zh"
    force: bool = False  # wipe every row of every app table first (in the same transaction)
    now: datetime | None = None  # default: the current UTC time; always rounded down to the hour
    hash_workers: int | None = None  # threads hashing passwords (default: one per CPU)
    hasher: Callable[[str], str] | None = None  # default: accounts.hash_demo_password


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str  # "site_admin", "admin" (of an organisation), "coordinator" or "volunteer"
    organisation: str | None  # a volunteer's first organisation; None for the site administrator
    display_name: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "password": self.password,
            "role": self.role,
            "organisation": self.organisation,
            "display_name": self.display_name,
        }


@dataclass
class DemoReport:
    accounts: list[DemoAccount]
    counts: dict[str, int]
    city: str
    timezone: str
    seed: int
    lang: str
    wiped: bool
    hash_seconds: float
    total_seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts": [a.to_dict() for a in self.accounts],
            "counts": dict(self.counts),
            "city": self.city,
            "timezone": self.timezone,
            "seed": self.seed,
            "lang": self.lang,
            "wiped": self.wiped,
            "hash_seconds": round(self.hash_seconds, 2),
            "total_seconds": round(self.total_seconds, 2),
        }


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
_SKILL_WEIGHTS = {
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
_SHIFT_STARTS: dict[str, tuple[int, ...]] = {
    "morning": (510, 540, 570, 600),
    "afternoon": (810, 840, 870, 900),
    "evening": (1110, 1140, 1170),
}
_REJECT_REASONS: tuple[tuple[str, str], ...] = (
    ("签到表上没有这次服务的记录。", "The sign-in sheet has no record of this shift."),
    ("时长与签到记录不符，请提交更正。", "The hours do not match the sign-in sheet; please submit a correction."),
    ("与之前提交的记录重复。", "This duplicates a record submitted earlier."),
)
_THANKS: tuple[tuple[str, str], ...] = (
    ("感谢你的付出！", "Thank you for your help!"),
    ("辛苦了！", "Much appreciated!"),
)
_AWAY_NOTES: tuple[tuple[str, str], ...] = (
    ("出差", "Work trip"),
    ("回老家", "Visiting family"),
    ("休假", "On holiday"),
)
_EXTRA_NOTES: tuple[tuple[str, str], ...] = (
    ("调休，全天有空", "Day off, free all day"),
    ("这天下午有空", "Free this afternoon"),
)

_CN_SURNAMES = _pairs(
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 韩 冯 邓 曹 沈",
    "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Gao|Luo|Zheng|Liang|Xie|Song|"
    "Tang|Han|Feng|Deng|Cao|Shen",
)
_CN_GIVEN = _pairs(
    "伟 芳 娜 敏 静 丽 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 秀英 桂英 志强 子涵 欣怡 浩然 梓萱 宇轩 思远 雨桐 晓东 建国 海燕 文博 佳怡",
    "Wei|Fang|Na|Min|Jing|Li|Qiang|Lei|Yang|Yan|Yong|Jun|Jie|Juan|Tao|Ming|Chao|Xiuying|Guiying|Zhiqiang|Zihan|"
    "Xinyi|Haoran|Zixuan|Yuxuan|Siyuan|Yutong|Xiaodong|Jianguo|Haiyan|Wenbo|Jiayi",
)
_EN_FIRST = _words(
    "Emma Liam Olivia Noah Ava Ethan Sophia Mason Mia Lucas Amelia James Harper Daniel Chloe Samuel Grace "
    "David Zoe Omar Aisha Priya Mateo Sofia Wei Mei Kofi Fatima Hannah Jack Rosa Tom"
)
_EN_LAST = _words(
    "Smith Johnson Brown Garcia Miller Davis Wilson Taylor Anderson Thomas Martinez Lee Chen Patel Khan "
    "Nguyen O'Brien Murphy Cohen Okafor Kim Rossi Walker Hughes Evans Silva"
)
_PASSWORD_WORDS = _words(
    "apple amber anchor basil birch breeze cedar cloud clover coral daisy delta ember falcon fern forest garnet "
    "harbor hazel honey island jade jasmine kettle lantern lemon lotus maple meadow mint moon orchid otter panda "
    "pearl pepper pine plum quartz river robin saffron sage shell sparrow spring stone sunny thistle tiger tulip "
    "valley violet walnut willow winter zephyr"
)


# --------------------------------------------------------------------------- public API


def is_empty(db: Database) -> bool:
    """True when the database holds no person and no organisation (its schema may exist)."""
    with db.read() as session:
        return _holding(session) == (0, 0)


def fill_demo(db: Database, options: DemoOptions) -> DemoReport:
    """Fill the (empty, or with ``force`` wiped) database with a demo community; see the module docstring.

    Raises ``Conflict`` on a database that holds data without ``force``, ``InvalidInput`` on bad options.
    """
    started = time.perf_counter()
    for name in ("volunteers", "tasks"):
        value = getattr(options, name)
        if not 0 <= value <= MAX_COUNT:
            raise InvalidInput(
                name, T("errors", "{field} must be 0 to {maximum}, not {value}."), maximum=MAX_COUNT, value=value
            )
    if options.lang not in LANGUAGES:
        raise InvalidInput("lang", T("errors", "Language must be zh or en, not {value!r}."), value=options.lang)
    city = resolve_city(options.city)
    now = (options.now or datetime.now(UTC)).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    if not options.force:
        with db.read() as session:
            _refuse_if_holding(session)  # before the slow hashing, not only inside the transaction

    builder = _Builder(random.Random(seed), city, options.lang, now)
    people = builder.plan_people(options.volunteers)
    hash_started = time.perf_counter()
    hashes = _hash_all([p.password for p in people], options.hasher or accounts.hash_demo_password, options.hash_workers)
    hash_seconds = time.perf_counter() - hash_started

    with db.transaction() as session:
        wiped = False
        if options.force:
            wiped = _holding(session) != (0, 0)
            wipe(session)
        else:
            _refuse_if_holding(session)
        counts = builder.write(session, people, hashes, options.tasks)
        audit.record(
            session,
            None,
            "demo.fill",
            "database",
            None,
            seed=seed,
            city=city.name_en,
            lang=options.lang,
            wiped=wiped,
            counts=counts,
        )
    return DemoReport(
        accounts=[DemoAccount(p.email, p.password, p.role, p.organisation, p.name) for p in people],
        counts=counts,
        city=city.name(options.lang),
        timezone=city.timezone,
        seed=seed,
        lang=options.lang,
        wiped=wiped,
        hash_seconds=hash_seconds,
        total_seconds=time.perf_counter() - started,
    )


def wipe(session: Session) -> None:
    """Delete every row of every app table (the schema and alembic_version stay), children first."""
    # Corrections point at older records of the same table; unlink them so the order of deletion is free.
    session.execute(update(ServiceRecord).values(corrects_id=None))
    for table in reversed(Base.metadata.sorted_tables):
        if table.name != "alembic_version":
            session.execute(table.delete())


def _holding(session: Session) -> tuple[int, int]:
    people = session.scalar(select(func.count(Person.id))) or 0
    organisations = session.scalar(select(func.count(Organisation.id))) or 0
    return int(people), int(organisations)


def _refuse_if_holding(session: Session) -> None:
    people, organisations = _holding(session)
    if people or organisations:
        raise Conflict(
            T(
                "errors",
                "The database already holds data ({people} accounts, {organisations} organisations): "
                "use --force to wipe it and fill it again, or --if-empty to leave it as it is.",
            ),
            people=people,
            organisations=organisations,
        )


def _hash_all(passwords: Sequence[str], hasher: Callable[[str], str], workers: int | None) -> list[str]:
    # Each Argon2 hash holds 64 MiB while it runs: a few threads at most.
    workers = max(1, workers or min(8, os.cpu_count() or 1))
    if workers == 1 or len(passwords) < 2:
        return [hasher(p) for p in passwords]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="demo-hash") as pool:
        return list(pool.map(hasher, passwords))


# --------------------------------------------------------------------------- the generator


@dataclass
class _PlannedPerson:
    email: str
    password: str
    name: str
    role: str
    organisation: str | None
    org_key: str | None = None


@dataclass
class _Place:
    latitude: float
    longitude: float
    district: tuple[str, str]


@dataclass
class _Volunteer:
    person: Person
    skills: dict[str, int]
    home: _Place
    radius_km: float
    orgs: list[str]  # organisation keys
    slots: list[tuple[int, int, int]]  # weekday, start minute, end minute (local)
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass
class _Org:
    template: OrgTemplate
    row: Organisation
    base: _Place
    address: str
    admin: Person | None = None
    coordinators: list[Person] = field(default_factory=list)


class _Builder:
    """Everything random comes from ``rng``, in a fixed order, so a seed gives the same community."""

    def __init__(self, rng: random.Random, city: City, lang: str, now: datetime) -> None:
        self.rng = rng
        self.city = city
        self.lang = lang
        self.now = now
        self.zone = ZoneInfo(city.timezone)
        self.today = now.astimezone(self.zone).date()
        self.org_templates: list[OrgTemplate] = []
        self.orgs: dict[str, _Org] = {}
        self.volunteers: list[_Volunteer] = []
        self.skills: dict[str, Skill] = {}
        self.org_by_id: dict[int, _Org] = {}
        self._distances: dict[int, list[float]] = {}
        # Neighbourhood centres: people and places cluster around them, as they do in a city.
        self.hubs: list[tuple[float, float, tuple[str, str]]] = []
        for i in range(6):
            angle, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0.8, 8.0)
            self.hubs.append((dist * math.cos(angle), dist * math.sin(angle), city.districts[i % len(city.districts)]))

    # ---- small helpers

    def text(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "zh" else pair[1]

    def local(self, day: date, minute: int) -> datetime:
        return (
            datetime.combine(day, clock(), tzinfo=self.zone)
            .replace(hour=minute // 60, minute=minute % 60)
            .astimezone(UTC)
        )

    def between(self, earliest: datetime, latest: datetime) -> datetime:
        """A whole minute between the two."""
        minutes = int((latest - earliest).total_seconds() // 60)
        return earliest + timedelta(minutes=self.rng.randint(0, max(0, minutes)))

    def place(self, spread_km: float = 1.5, outskirts: float = 0.0) -> _Place:
        rng = self.rng
        hx, hy, district = rng.choice(self.hubs)
        if rng.random() < outskirts:
            x, y = rng.gauss(0, 7.0), rng.gauss(0, 7.0)
            district = min(self.hubs, key=lambda h: (h[0] - x) ** 2 + (h[1] - y) ** 2)[2]
        else:
            x, y = hx + rng.gauss(0, spread_km), hy + rng.gauss(0, spread_km)
        lat = self.city.latitude + y / 111.32
        lon = self.city.longitude + x / (111.32 * math.cos(math.radians(self.city.latitude)))
        return _Place(max(-90.0, min(90.0, lat)), (lon + 180) % 360 - 180, district)

    def address(self, place: _Place, venue: tuple[str, str] | None = None) -> str:
        street = self.rng.choice(self.city.streets)
        number = self.rng.randint(1, 399)
        if self.city.chinese and self.lang == "zh":
            text = f"{self.city.name_zh}市{place.district[0]}{street[0]}{number}号"
            return f"{text} {venue[0]}" if venue else text
        district, road = (place.district[1], street[1]) if self.city.chinese else (place.district[0], street[0])
        text = f"{number} {road}, {district}, {self.city.name_en}"
        return f"{self.text(venue)}, {text}" if venue else text

    def person_name(self) -> str:
        rng = self.rng
        if self.city.chinese:
            surname, given = rng.choice(_CN_SURNAMES), rng.choice(_CN_GIVEN)
            return surname[0] + given[0] if self.lang == "zh" else f"{surname[1]} {given[1]}"
        return f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"

    def password(self) -> str:
        words = self.rng.sample(_PASSWORD_WORDS, 3)
        return f"{'-'.join(words)}-{self.rng.randint(10, 99)}"

    # ---- accounts (planned first: their passwords are hashed before the transaction)

    def plan_people(self, volunteers: int) -> list[_PlannedPerson]:
        rng = self.rng
        count = rng.randint(3, len(ORGANISATIONS))
        self.org_templates = [*ORGANISATIONS[:3], *rng.sample(ORGANISATIONS[3:], count - 3)]
        people = [_PlannedPerson(f"admin@{DEMO_DOMAIN}", self.password(), self.person_name(), "site_admin", None)]
        for tpl in self.org_templates:
            org_name = self.org_name(tpl)
            people.append(
                _PlannedPerson(
                    f"admin.{tpl.key}@{DEMO_DOMAIN}",
                    self.password(),
                    self.person_name(),
                    Role.ADMIN.value,
                    org_name,
                    tpl.key,
                )
            )
            for n in range(rng.randint(1, 2)):
                suffix = "" if n == 0 else f".{n + 1}"
                people.append(
                    _PlannedPerson(
                        f"coord.{tpl.key}{suffix}@{DEMO_DOMAIN}",
                        self.password(),
                        self.person_name(),
                        Role.COORDINATOR.value,
                        org_name,
                        tpl.key,
                    )
                )
        width = max(3, len(str(volunteers)))
        for n in range(1, volunteers + 1):
            orgs = rng.sample(self.org_templates, rng.choice((1, 1, 2)))
            people.append(
                _PlannedPerson(
                    f"v{n:0{width}d}@{DEMO_DOMAIN}",
                    self.password(),
                    self.person_name(),
                    Role.VOLUNTEER.value,
                    self.org_name(orgs[0]),
                    ",".join(o.key for o in orgs),
                )
            )
        return people

    def org_name(self, tpl: OrgTemplate) -> str:
        district = self.hubs[0][2]
        if self.lang == "zh":
            return tpl.zh.format(city=self.city.name_zh, district=district[0])
        return tpl.en.format(city=self.city.name_en, district=district[1] if self.city.chinese else district[0])

    # ---- writing

    def write(self, session: Session, people: list[_PlannedPerson], hashes: list[str], n_tasks: int) -> dict[str, int]:
        self.skills = {key: Skill(key=key, label=en, label_zh=zh) for key, en, zh in SKILLS}
        session.add_all(self.skills.values())
        self.write_organisations(session)
        self.write_people(session, people, hashes)
        session.flush()
        self.org_by_id = {o.row.id: o for o in self.orgs.values()}
        self.write_volunteer_details(session)
        upcoming = self.write_upcoming(session, n_tasks)
        session.flush()
        n_signups = self.write_upcoming_signups(session, upcoming)
        past_counts = self.write_past_month(session, n_tasks)
        return {
            "organisations": len(self.orgs),
            "accounts": len(people),
            "site_admins": 1,
            "org_admins": len(self.orgs),
            "coordinators": sum(len(o.coordinators) for o in self.orgs.values()),
            "volunteers": len(self.volunteers),
            "skills": len(self.skills),
            "tasks": len(upcoming),
            "upcoming_occurrences": sum(len(t.occurrences) for t in upcoming),
            "signups": n_signups,
            **past_counts,
        }

    def write_organisations(self, session: Session) -> None:
        for tpl in self.org_templates:
            base = self.place(spread_km=1.0)
            row = Organisation(
                name=self.org_name(tpl),
                contact_email=f"contact.{tpl.key}@{DEMO_DOMAIN}",
                created_at=self.now - timedelta(days=self.rng.randint(200, 900)),
            )
            session.add(row)
            self.orgs[tpl.key] = _Org(tpl, row, base, self.address(base, (tpl.venue_zh, tpl.venue_en)))

    def write_people(self, session: Session, people: list[_PlannedPerson], hashes: list[str]) -> None:
        for planned, hashed in zip(people, hashes, strict=True):
            joined = self.now - timedelta(days=self.rng.randint(30, 400), hours=self.rng.randint(0, 23))
            person = Person(
                email=planned.email,
                display_name=planned.name,
                password_hash=hashed,
                is_admin=planned.role == "site_admin",
                created_at=joined,
            )
            session.add(person)
            if planned.role == "site_admin":
                continue
            keys = (planned.org_key or "").split(",")
            for key in keys:
                person.memberships.append(
                    Membership(organisation=self.orgs[key].row, role=Role(planned.role), created_at=joined)
                )
            org = self.orgs[keys[0]]
            if planned.role == Role.ADMIN.value:
                org.admin = person
                org.row.person_in_charge = planned.name
            elif planned.role == Role.COORDINATOR.value:
                org.coordinators.append(person)
            else:
                home = self.place(outskirts=0.15)
                # Homes are stored to about 100 m, as places.set_home does unless asked for more.
                home = _Place(*reduce_precision(home.latitude, home.longitude, HOME_PRECISION_METRES), home.district)
                self.volunteers.append(_Volunteer(person, {}, home, 5.0, keys, []))

    def write_volunteer_details(self, session: Session) -> None:
        rng = self.rng
        keys = list(_SKILL_WEIGHTS)
        weights = list(_SKILL_WEIGHTS.values())
        for vol in self.volunteers:
            chosen: dict[str, int] = {}
            wanted = rng.choice((1, 2, 2, 3, 3, 4))
            while len(chosen) < wanted:
                chosen.setdefault(rng.choices(keys, weights)[0], rng.choices((1, 2, 3, 4, 5), (2, 4, 4, 2, 1))[0])
            vol.skills = chosen
            vol.radius_km = rng.choice((2.0, 3.0, 5.0, 5.0, 8.0, 10.0, 15.0))
            languages = ["zh"] if self.city.chinese else ["en"]
            if rng.random() < 0.3:
                languages.append("en" if self.city.chinese else rng.choice(("es", "zh", "fr", "ar", "hi")))
            if "sign_language" in chosen and self.city.sign_language:
                languages.append(self.city.sign_language)
            home = vol.home
            vol.person.profile = VolunteerProfile(
                home_address=self.address(home),
                home_latitude=home.latitude,
                home_longitude=home.longitude,
                radius_km=vol.radius_km,
                languages=",".join(languages),
                weekly_hour_cap_minutes=rng.choice((120, 180, 240, 360)) if rng.random() < 0.4 else None,
                timezone=self.city.timezone,
                updated_at=vol.person.created_at,
            )
            pid = vol.person.id
            session.add_all(
                VolunteerSkill(person_id=pid, skill_id=self.skills[k].id, level=lvl)
                for k, lvl in sorted(chosen.items())
            )
            vol.slots = self.weekly_pattern()
            session.add_all(
                AvailabilitySlot(person_id=pid, weekday=d, start_minute=s, end_minute=e) for d, s, e in vol.slots
            )
            if rng.random() < 0.35:
                session.add(self.exception(vol))

    def weekly_pattern(self) -> list[tuple[int, int, int]]:
        """Free hours of one of a few kinds of people, never overlapping within a day."""
        rng = self.rng
        kind = rng.choice(("worker", "worker", "worker", "retired", "student", "shifts"))
        slots: list[tuple[int, int, int]] = []
        if kind == "worker":
            for day in sorted(rng.sample(range(5), rng.randint(1, 3))):
                slots.append((day, rng.choice((1080, 1110, 1140)), rng.choice((1260, 1290, 1320))))
            for day in rng.sample((5, 6), rng.randint(1, 2)):
                slots.append((day, rng.choice((480, 540, 600)), rng.choice((720, 1020, 1080))))
        elif kind == "retired":
            for day in sorted(rng.sample(range(7), rng.randint(3, 5))):
                slots.append((day, rng.choice((450, 480, 510)), rng.choice((660, 690, 720))))
                if rng.random() < 0.5:
                    slots.append((day, 840, rng.choice((990, 1020))))
        elif kind == "student":
            for day in sorted(rng.sample(range(5), rng.randint(2, 4))):
                slots.append((day, rng.choice((960, 990)), 1200))
            for day in (5, 6):
                slots.append((day, 540, rng.choice((1080, 1140))))
        else:
            for day in sorted(rng.sample(range(7), rng.randint(2, 4))):
                start = rng.choice((420, 600, 780, 900))
                slots.append((day, start, start + rng.choice((180, 240, 300))))
        return sorted(slots)

    def exception(self, vol: _Volunteer) -> AvailabilityException:
        """A trip away in the next two weeks (nobody signs them up then), or a day with extra free time."""
        rng = self.rng
        day = self.today + timedelta(days=rng.randint(1, UPCOMING_DAYS - 2))
        if rng.random() < 0.6:
            away = (self.local(day, 0), self.local(day + timedelta(days=rng.randint(1, 4)), 0))
            vol.busy.append(away)
            return AvailabilityException(
                person_id=vol.person.id,
                kind=AvailabilityKind.AWAY,
                starts_at=away[0],
                ends_at=away[1],
                note=self.text(rng.choice(_AWAY_NOTES)),
            )
        start = rng.choice((540, 780))
        return AvailabilityException(
            person_id=vol.person.id,
            kind=AvailabilityKind.EXTRA,
            starts_at=self.local(day, start),
            ends_at=self.local(day, 1080),
            note=self.text(rng.choice(_EXTRA_NOTES)),
        )

    # ---- tasks

    def pick_template(self, remote: bool, kind: TaskKind) -> tuple[TaskTemplate, _Org]:
        kinds = ("fixed", "both") if kind is TaskKind.FIXED else ("flexible", "both")
        candidates = [t for t in TASKS if t.org in self.orgs and t.remote == remote and t.kinds in kinds]
        tpl = self.rng.choice(candidates)
        return tpl, self.orgs[tpl.org]

    def task_times(
        self, tpl: TaskTemplate, kind: TaskKind, first_day: int, last_day: int
    ) -> tuple[datetime, datetime, int | None]:
        """Start, end and (flexible) minutes of a task on a day between the offsets (from today, local)."""
        rng = self.rng
        days = [self.today + timedelta(days=d) for d in range(first_day, last_day + 1)]
        if tpl.when == "weekend":
            days = [d for d in days if d.weekday() >= 5] or days
        day = rng.choice(days)
        if kind is TaskKind.FLEXIBLE:
            minutes = rng.choice((60, 90, 120))
            if rng.random() < 0.3 and day < days[-1]:  # "any time over the next couple of days"
                return self.local(day, 540), self.local(min(days[-1], day + timedelta(days=2)), 1260), minutes
            start = rng.choice((480, 540, 600))
            return self.local(day, start), self.local(day, start + rng.choice((240, 360, 480))), minutes
        begin = rng.choice(_SHIFT_STARTS.get(tpl.when, (540, 600, 780, 840, 900)))
        return self.local(day, begin), self.local(day, begin + rng.choice((60, 90, 120, 120, 150, 180))), None

    def new_task(
        self,
        session: Session,
        tpl: TaskTemplate,
        org: _Org,
        kind: TaskKind,
        when: tuple[datetime, datetime, int | None],
        status: TaskStatus,
        repeat_until: date | None,
    ) -> Task:
        rng = self.rng
        starts_at, ends_at, minutes = when
        requires = {k: max(1, min(5, lvl + rng.choice((-1, 0, 0, 1)))) for k, lvl in tpl.skills}
        if requires and rng.random() < 0.25:
            requires.pop(rng.choice(sorted(requires)))
        place: _Place | None = None
        address = None
        if not tpl.remote:
            if rng.random() < 0.6:
                place, address = org.base, org.address
            else:
                place = self.place(spread_km=1.2)
                address = self.address(place)
        contact = rng.choice(org.coordinators)
        data = tasks.TaskInput(
            organisation_id=org.row.id,
            title=self.text((tpl.zh, tpl.en)),
            starts_at=starts_at,
            ends_at=ends_at,
            kind=kind,
            minutes=minutes,
            description=self.text((tpl.desc_zh, tpl.desc_en)),
            category=self.text(CATEGORY_LABELS[tpl.category]),
            address=address,
            latitude=round(place.latitude, 5) if place else None,
            longitude=round(place.longitude, 5) if place else None,
            is_remote=tpl.remote,
            requires=requires,
            slots=rng.randint(1, tpl.max_slots),
            priority=rng.choices((1, 2, 3, 4, 5), (15, 25, 35, 15, 10))[0],
            status=status,
            contact_person_id=contact.id,
            repeat_weekly_until=repeat_until,
            timezone=self.city.timezone,
        )
        tasks.validate(data)  # the demo obeys the same rules as a coordinator's form
        posted = min(self.now, starts_at) - timedelta(days=rng.randint(2, 10))
        task = Task(
            organisation_id=org.row.id, created_by_id=contact.id, kind=kind, created_at=posted, updated_at=posted
        )
        tasks.apply_input(session, task, data)  # the one mapping of a form onto a task row
        session.add(task)
        tasks.sync_occurrences(session, task)
        return task

    def mix(self, n: int) -> list[tuple[bool, TaskKind]]:
        """(remote, kind) for n tasks: about 70 % fixed shifts, 20 % flexible windows, 10 % remote."""
        n_remote = max(1, round(n * 0.1)) if n >= 3 else 0
        n_flex = max(1, round(n * 0.2)) if n >= 2 else 0
        mix = [(False, TaskKind.FIXED)] * (n - n_remote - n_flex) + [(False, TaskKind.FLEXIBLE)] * n_flex
        for _ in range(n_remote):
            mix.append((True, self.rng.choice((TaskKind.FIXED, TaskKind.FLEXIBLE))))
        self.rng.shuffle(mix)
        return mix

    def write_upcoming(self, session: Session, n: int) -> list[Task]:
        rng = self.rng
        mix = self.mix(n)
        drafts = set(rng.sample(range(n), round(n * 0.07)))
        others = [i for i in range(n) if i not in drafts]
        recurring = set(rng.sample(others, min(len(others), max(1, round(n * 0.15))))) if others else set()
        made = []
        for i, (remote, kind) in enumerate(mix):
            tpl, org = self.pick_template(remote, kind)
            when = self.task_times(tpl, kind, 1, UPCOMING_DAYS)
            until = None
            if i in recurring:
                until = when[0].astimezone(self.zone).date() + timedelta(weeks=RECURRING_WEEKS - 1)
            status = TaskStatus.DRAFT if i in drafts else TaskStatus.OPEN
            made.append(self.new_task(session, tpl, org, kind, when, status, until))
        return made

    # ---- signups

    def enlist(self, task: Task, occ: TaskOccurrence, count: int) -> list[tuple[_Volunteer, datetime, datetime]]:
        """Up to ``count`` different volunteers for one occurrence, each with their stint (now busy then)."""
        chosen: list[tuple[_Volunteer, datetime, datetime]] = []
        for _ in range(count):
            start, end = self.stint(task, occ)
            taken = {id(vol) for vol, _, _ in chosen}
            pool = [vol for vol in self.candidates(task, start, end) if id(vol) not in taken]
            if not pool:
                break
            pool[0].busy.append((start, end))
            chosen.append((pool[0], start, end))
        return chosen

    def candidates(self, task: Task, start: datetime, end: datetime) -> list[_Volunteer]:
        """Volunteers with the skills and free then; members, nearby and available ones first."""
        skill_keys = {s.id: k for k, s in self.skills.items()}
        needs = {skill_keys[r.skill_id]: r.min_level for r in task.requirements}
        key = self.org_by_id[task.organisation_id].template.key
        distances = self.distances(task)
        found = []
        for i, vol in enumerate(self.volunteers):
            if not fits(vol.skills, needs) or any(s < end and start < e for s, e in vol.busy):
                continue
            near = distances is None or distances[i] <= vol.radius_km
            score = 4 * (key in vol.orgs) + 2 * near + self.available(vol, start, end)
            found.append((-score, self.rng.random(), vol))
        found.sort(key=lambda t: (t[0], t[1]))
        return [vol for _, _, vol in found]

    def distances(self, task: Task) -> list[float] | None:
        """Each volunteer's distance (km) from the task's place, as the matching engine measures it."""
        if task.latitude is None or task.longitude is None:
            return None
        cached = self._distances.get(id(task))
        if cached is None:
            lats = [v.home.latitude for v in self.volunteers]
            lons = [v.home.longitude for v in self.volunteers]
            cached = geodesic_km_many(lats, lons, task.latitude, task.longitude).tolist()
            self._distances[id(task)] = cached
        return cached

    def available(self, vol: _Volunteer, start: datetime, end: datetime) -> bool:
        s, e = start.astimezone(self.zone), end.astimezone(self.zone)
        if s.date() != e.date():
            return False
        s_min, e_min = s.hour * 60 + s.minute, e.hour * 60 + e.minute
        return any(d == s.weekday() and a <= s_min and e_min <= b for d, a, b in vol.slots)

    def stint(self, task: Task, occ: TaskOccurrence) -> tuple[datetime, datetime]:
        if task.kind is TaskKind.FIXED:
            return occ.starts_at, occ.ends_at
        assert task.minutes is not None
        steps = []
        t = occ.starts_at
        while t + timedelta(minutes=task.minutes) <= occ.ends_at:
            local = t.astimezone(self.zone)
            if 8 * 60 <= local.hour * 60 + local.minute <= 21 * 60 - task.minutes:
                steps.append(t)
            t += timedelta(minutes=30)
        return signups.stint(task, occ, self.rng.choice(steps or [occ.starts_at]))

    def write_upcoming_signups(self, session: Session, upcoming: list[Task]) -> int:
        rng = self.rng
        made = 0
        horizon = self.now + timedelta(days=UPCOMING_DAYS + 1)
        for task in upcoming:
            if task.status is not TaskStatus.OPEN:
                continue
            for occ in task.occurrences:
                if occ.starts_at > horizon:
                    break
                wanted = round(task.slots * rng.choice((0, 0.25, 0.5, 0.75, 1.0, 1.0)))
                waitlist = rng.randint(1, 2) if wanted == task.slots and rng.random() < 0.5 else 0
                # Confirmed signups never exceed the slots; the waitlist only forms once they are full.
                for n, (vol, start, end) in enumerate(self.enlist(task, occ, wanted + waitlist)):
                    by_coordinator = rng.random() < 0.2
                    made_at = self.between(task.created_at, self.now)
                    session.add(
                        Signup(
                            occurrence_id=occ.id,
                            person_id=vol.person.id,
                            status=SignupStatus.CONFIRMED if n < wanted else SignupStatus.WAITLISTED,
                            source=SignupSource.COORDINATOR if by_coordinator else SignupSource.SELF,
                            starts_at=start,
                            ends_at=end,
                            created_by_id=task.created_by_id if by_coordinator else vol.person.id,
                            created_at=made_at,
                            updated_at=made_at,
                        )
                    )
                    made += 1
        return made

    # ---- the past month

    def write_past_month(self, session: Session, n: int) -> dict[str, int]:
        rng = self.rng
        records: list[ServiceRecord] = []
        past_signups = 0
        for remote, kind in self.mix(n):
            tpl, org = self.pick_template(remote, kind)
            task = self.new_task(
                session, tpl, org, kind, self.task_times(tpl, kind, -PAST_DAYS, -1), TaskStatus.CLOSED, None
            )
            session.flush()
            for occ in task.occurrences:
                for n_served, (vol, start, end) in enumerate(self.enlist(task, occ, rng.randint(1, task.slots))):
                    past_signups += 1
                    no_show = n_served > 0 and rng.random() < 0.08
                    session.add(
                        Signup(
                            occurrence_id=occ.id,
                            person_id=vol.person.id,
                            source=SignupSource.SELF,
                            status=SignupStatus.NO_SHOW if no_show else SignupStatus.COMPLETED,
                            starts_at=start,
                            ends_at=end,
                            created_by_id=vol.person.id,
                            created_at=self.between(task.created_at, start),
                            updated_at=end + timedelta(minutes=rng.randint(5, 60)),
                        )
                    )
                    if not no_show:
                        records.append(self.service_record(org, vol, occ, start, end))
        session.add_all(records)
        self.decide(records)
        session.flush()  # the corrections need the ids of the records they correct
        corrections = self.corrections(records)
        session.add_all(corrections)
        all_records = records + corrections
        return {
            "past_tasks": n,
            "past_signups": past_signups,
            "service_records": len(all_records),
            "verified": sum(r.status is ServiceStatus.VERIFIED for r in all_records),
            "pending": sum(r.status is ServiceStatus.PENDING for r in all_records),
            "rejected": sum(r.status is ServiceStatus.REJECTED for r in all_records),
            "corrections": len(corrections),
        }

    def service_record(
        self, org: _Org, vol: _Volunteer, occ: TaskOccurrence, start: datetime, end: datetime
    ) -> ServiceRecord:
        rng = self.rng
        minutes = int((end - start).total_seconds() // 60)
        late = rng.choice((0, 0, 0, 0, 15, 30)) if minutes > 60 else 0
        by_coordinator = rng.random() < 0.4
        return ServiceRecord(
            person_id=vol.person.id,
            organisation_id=org.row.id,
            occurrence_id=occ.id,
            started_at=start,
            ended_at=end,
            credited_minutes=minutes - late,
            status=ServiceStatus.PENDING,
            created_by_id=rng.choice(org.coordinators).id if by_coordinator else vol.person.id,
            created_at=min(end + timedelta(minutes=rng.randint(10, 240)), self.now - timedelta(hours=1)),
        )

    def decide(self, records: list[ServiceRecord]) -> None:
        """Mostly verified; recent ones still pending; a few rejected. Each status at least once."""
        rng = self.rng
        statuses = []
        for record in records:
            recent = self.now - record.ended_at < timedelta(days=3)
            roll = rng.random()
            if (recent and roll < 0.7) or roll < 0.08:
                statuses.append(ServiceStatus.PENDING)
            elif roll < 0.16:
                statuses.append(ServiceStatus.REJECTED)
            else:
                statuses.append(ServiceStatus.VERIFIED)
        if len(records) >= 3:
            by_age = sorted(range(len(records)), key=lambda i: records[i].ended_at)
            for wanted in (ServiceStatus.PENDING, ServiceStatus.VERIFIED, ServiceStatus.REJECTED):
                if wanted not in statuses:
                    # Take it from a status that others share (there is one: three records, at most two statuses);
                    # the newest record is the likeliest to be still pending.
                    shared = Counter(statuses)
                    order = reversed(by_age) if wanted is ServiceStatus.PENDING else iter(by_age)
                    statuses[next(i for i in order if shared[statuses[i]] > 1)] = wanted
        for record, status in zip(records, statuses, strict=True):
            if status is not ServiceStatus.PENDING:
                self.decide_one(record, status)

    def decide_one(self, record: ServiceRecord, status: ServiceStatus, reason: str | None = None) -> None:
        rng = self.rng
        org = self.org_by_id[record.organisation_id]
        deciders = [c for c in org.coordinators if c.id != record.person_id]  # nobody decides on their own hours
        record.status = status
        record.decided_by_id = rng.choice(deciders).id
        # Records are created at least an hour before now (see service_record), so this is after creation.
        record.decided_at = min(
            record.created_at + timedelta(hours=rng.randint(2, 72)), self.now - timedelta(minutes=30)
        )
        if status is ServiceStatus.REJECTED:
            record.decision_reason = reason or self.text(rng.choice(_REJECT_REASONS))
        elif rng.random() < 0.2:
            record.decision_reason = self.text(rng.choice(_THANKS))

    def corrections(self, records: list[ServiceRecord]) -> list[ServiceRecord]:
        """One or two corrections of verified records: the volunteer stayed longer than first recorded."""
        verified = [r for r in records if r.status is ServiceStatus.VERIFIED]
        made = []
        for old in self.rng.sample(verified, min(len(verified), 1 if len(records) < 20 else 2)):
            extra = timedelta(minutes=30)
            new = ServiceRecord(
                person_id=old.person_id,
                organisation_id=old.organisation_id,
                occurrence_id=old.occurrence_id,
                started_at=old.started_at,
                ended_at=old.ended_at + extra,
                credited_minutes=old.credited_minutes + 30,
                corrects_id=old.id,
                status=ServiceStatus.PENDING,
                created_by_id=old.created_by_id,
                created_at=min((old.decided_at or old.created_at) + timedelta(hours=2), self.now - timedelta(hours=1)),
            )
            if new.created_at < self.now - timedelta(hours=3) and self.rng.random() < 0.5:
                self.decide_one(new, ServiceStatus.VERIFIED)
            made.append(new)
        return made
