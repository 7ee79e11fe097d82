"""What a certificate says: its facts, and the words for them in Chinese and English.

A certificate is a document in one language chosen when it is issued (not the
window's language), so its wording lives here rather than in Qt's translations.
Hours read as the organisation's crediting rules count them: with a 6-minute step,
tenths of an hour ("25.5 小时"); with whole hours, whole numbers; with a step that
is no fraction of an hour in tenths or hundredths, hours and minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LANGUAGES = ("zh", "en")
MAX_ACTIVITY_LINES = 10  # the rest is summed into one "other activities" line, so the page never overflows

ID_TYPES = {
    "zh": {"national_id": "居民身份证", "passport": "护照", "student_id": "学生证", "other": "其他证件"},
    "en": {"national_id": "National ID card", "passport": "Passport", "student_id": "Student card", "other": "Other ID"},
}


@dataclass(frozen=True)
class Activity:
    """One line of 服务内容: a task (or free-text activity) with its category and hours."""

    title: str
    category: str | None
    minutes: int
    times: int  # how many stints


@dataclass(frozen=True)
class Issuer:
    name: str
    person_in_charge: str | None = None  # 负责人
    handler: str | None = None  # 经办人
    contact_email: str | None = None
    contact_phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on one certificate."""

    number: str
    language: str  # "zh" or "en"
    volunteer_name: str
    volunteer_number: str  # e.g. V000123
    id_type: str | None  # "national_id", ... (ID_TYPES), when on file
    id_number_masked: str | None
    period_from: date
    period_to: date
    minutes: int
    step_minutes: int  # the organisation's crediting step
    activities: list[Activity]
    issuer: Issuer
    issued_on: date
    fingerprint: str  # hex SHA-256 of the issuer's public key
    payload: str  # the signed VA1: text
    seal_image: bytes | None = None
    seal_mime: str | None = None
    revoked: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def volunteer_number(person_id: int) -> str:
    return f"V{person_id:06d}"


def hours_value(minutes: int, step_minutes: int = 1) -> str | None:
    """Minutes as decimal hours with the decimals the step needs ("25.5"); None when decimals cannot say it exactly."""
    for unit, decimals in ((60, 0), (6, 1), (3, 2)):  # 1 h, 0.1 h, 0.05 h
        if step_minutes % unit == 0:
            return f"{minutes / 60:.{decimals}f}" if minutes % unit == 0 else None
    return None


def hours_text(minutes: int, step_minutes: int, language: str) -> str:
    """"25.5 小时" / "25.5 hours", or "25 小时 31 分钟" / "25 h 31 min" when decimals cannot say it exactly."""
    value = hours_value(minutes, step_minutes)
    if value is not None:
        if language == "zh":
            return f"{value} 小时"
        return f"{value} hour" if value in ("1", "1.0", "1.00") else f"{value} hours"
    whole, rest = divmod(minutes, 60)
    if language == "zh":
        return f"{whole} 小时 {rest} 分钟" if whole else f"{rest} 分钟"
    return f"{whole} h {rest} min" if whole else f"{rest} min"


def date_words(day: date, language: str) -> str:
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December')[day.month - 1]} {day.year}"


def period_words(first: date, last: date, language: str) -> str:
    if language == "zh":
        return f"{date_words(first, language)} 至 {date_words(last, language)}"
    return f"{date_words(first, language)} to {date_words(last, language)}"


def id_type_words(id_type: str | None, language: str) -> str:
    if not id_type:
        return ""
    return ID_TYPES.get(language, ID_TYPES["en"]).get(id_type, id_type)


def summarise(activities: list[Activity], limit: int = MAX_ACTIVITY_LINES, *, language: str = "en") -> list[Activity]:
    """The lines of 服务内容, most hours first; beyond ``limit`` the rest become one "other activities" line."""
    ordered = sorted(activities, key=lambda a: (-a.minutes, a.title))
    if len(ordered) <= limit:
        return ordered
    kept, rest = ordered[: limit - 1], ordered[limit - 1:]
    other = Activity(
        title=f"其他 {len(rest)} 项服务" if language == "zh" else f"{len(rest)} other activities",
        category=None, minutes=sum(a.minutes for a in rest), times=sum(a.times for a in rest),
    )
    return [*kept, other]


# The certificate's words. {placeholders} are filled by ``pdf``.
WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "志愿服务记录证明",
        "subtitle": "Volunteer Service Record Certificate",
        "number": "证明编号：{number}",
        "intro": "兹证明 {name} 在 {period} 期间参加由{organisation}记录的志愿服务，"
                 "经核实的服务时长累计 {hours}。特此证明。",
        "name": "志愿者姓名",
        "id": "证件类型及号码",
        "id_none": "未登记",
        "volunteer_number": "志愿者编号",
        "service_time": "服务时间",
        "service_time_value": "累计 {hours}（{period}）",
        "service_content": "服务内容",
        "col_activity": "服务项目",
        "col_category": "类别",
        "col_times": "次数",
        "col_hours": "时长（小时）",
        "no_category": "—",
        "recorder": "记录单位",
        "person_in_charge": "负责人：{value}",
        "handler": "经办人：{value}",
        "contact": "联系方式：{value}",
        "address": "地址：{value}",
        "seal_caption": "记录单位（盖章）",
        "issued_on": "出具日期：{date}",
        "scan": "扫码验证",
        "verify": "验证方法：本证明附有记录单位的电子签名。用 volunteer-app 打开“帮助 → 验证证明”并载入本文件、"
                  "照片或二维码文字，或运行 volunteer-app certificate verify 本文件，无需联网。"
                  "签名密钥指纹：{fingerprint}",
        "not_entered": "未填写",
    },
    "en": {
        "title": "Volunteer Service Record Certificate",
        "subtitle": "志愿服务记录证明",
        "number": "Certificate No. {number}",
        "intro": "This is to certify that {name} served as a volunteer with {organisation} from {period_plain}, "
                 "with {hours} of verified service in total.",
        "name": "Volunteer",
        "id": "ID type and number",
        "id_none": "Not on file",
        "volunteer_number": "Volunteer No.",
        "service_time": "Service time",
        "service_time_value": "{hours} in total ({period})",
        "service_content": "Service content",
        "col_activity": "Activity",
        "col_category": "Category",
        "col_times": "Times",
        "col_hours": "Hours",
        "no_category": "—",
        "recorder": "Recording organisation",
        "person_in_charge": "Person in charge: {value}",
        "handler": "Handled by: {value}",
        "contact": "Contact: {value}",
        "address": "Address: {value}",
        "seal_caption": "Recording organisation (seal)",
        "issued_on": "Issued on {date}",
        "scan": "Scan to verify",
        "verify": "How to verify: this certificate is signed with the recording organisation's key. Open it, a photo of "
                  "it, or the QR code's text in volunteer-app under Help → Verify a certificate, or run "
                  "`volunteer-app certificate verify FILE`; no network needed. Key fingerprint: {fingerprint}",
        "not_entered": "not given",
    },
}


def words(language: str) -> dict[str, str]:
    if language not in WORDS:
        raise ValueError(f"certificates come in {' and '.join(LANGUAGES)}, not {language!r}")
    return WORDS[language]


def contact_text(issuer: Issuer) -> str:
    return " / ".join(v for v in (issuer.contact_phone, issuer.contact_email) if v)


def plain_facts(doc: CertificateDocument) -> dict[str, object]:
    """The document as plain data (for JSON and tests)."""
    return {
        "number": doc.number,
        "language": doc.language,
        "volunteer": doc.volunteer_name,
        "volunteer_number": doc.volunteer_number,
        "id_type": doc.id_type,
        "id_number": doc.id_number_masked,
        "period_from": doc.period_from.isoformat(),
        "period_to": doc.period_to.isoformat(),
        "minutes": doc.minutes,
        "hours": hours_text(doc.minutes, doc.step_minutes, doc.language),
        "activities": [
            {"title": a.title, "category": a.category, "minutes": a.minutes, "times": a.times} for a in doc.activities
        ],
        "organisation": doc.issuer.name,
        "issued_on": doc.issued_on.isoformat(),
        "fingerprint": doc.fingerprint,
    }
