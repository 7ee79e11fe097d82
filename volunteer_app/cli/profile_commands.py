"""``profile show`` and ``profile set``: the signed-in volunteer's profile, skills and weekly free time."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from typing import Any

from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.input_limits import show
from volunteer_app.services import availability, profiles

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAYS = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    profile = subparsers.add_parser(
        "profile", parents=[common], help="your volunteer profile: skills, travel distance, free hours"
    )
    commands = profile.add_subparsers(
        dest="profile_command", metavar="SUBCOMMAND", required=True, parser_class=type(profile)
    )

    p = commands.add_parser("show", parents=[common], help="print your profile and weekly free time")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_show)

    p = commands.add_parser(
        "set",
        parents=[common],
        help="change your profile; what you leave out stays",
        description="Change your profile. Options you leave out keep their value. --free replaces the whole "
        "weekly pattern (give it once per stretch of free time). Nothing is written if any value is wrong.",
    )
    p.add_argument("--name", help="your name as others see it")
    p.add_argument("--phone", help="a phone number ('' removes it)")
    p.add_argument("--languages", metavar="TAGS", help="comma-separated language tags, e.g. zh,en")
    p.add_argument("--radius-km", type=_number("--radius-km"), metavar="N", help="how far you travel (0 < N <= 500)")
    p.add_argument(
        "--weekly-cap-hours", type=_number("--weekly-cap-hours"), metavar="N", help="at most N hours a week (0..168)"
    )
    p.add_argument("--no-weekly-cap", action="store_true", help="remove the weekly limit")
    p.add_argument("--timezone", metavar="ZONE", help="your time zone, e.g. Asia/Shanghai")
    p.add_argument(
        "--skill",
        action="append",
        default=None,
        metavar="KEY=LEVEL",
        help="a skill at level 1..5 (several allowed); LEVEL 0 removes it; the others stay",
    )
    p.add_argument(
        "--free",
        nargs=2,
        action="append",
        default=None,
        metavar=("DAY", "HH:MM-HH:MM"),
        help="weekly free time, DAY mon..sun (several allowed; replaces the weekly pattern)",
    )
    p.add_argument("--no-free", action="store_true", help="clear the weekly pattern")
    p.add_argument("--json", action="store_true", help="print the saved profile as JSON")
    add_user_option(p)
    p.set_defaults(handler=_set)


def _number(option: str) -> Any:
    def parse(text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None

    parse.__name__ = option
    return parse


def parse_skill(text: str) -> tuple[str, int]:
    key, sep, level = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"--skill {show(text)}: write it as KEY=LEVEL, e.g. first_aid=3")
    try:
        return key.strip(), int(level)
    except ValueError:
        raise UsageError(f"--skill {show(text)}: the level {show(level)} is not a whole number from 1 to 5") from None


def parse_free(day: str, span: str) -> WeeklySlot:
    name = day.strip().lower()
    name = FULL_DAYS.get(name, name)
    if name not in DAYS:
        raise UsageError(f"--free {show(day)}: the day must be one of {', '.join(DAYS)}")
    found = _RANGE.match(span.strip())
    if not found:
        raise UsageError(f"--free {day} {show(span)}: write the time as HH:MM-HH:MM, e.g. 09:00-12:30")
    h1, m1, h2, m2 = (int(x) for x in found.groups())
    if m1 > 59 or m2 > 59:
        raise UsageError(f"--free {day} {show(span)}: minutes go from 00 to 59")
    return WeeklySlot(DAYS.index(name), h1 * 60 + m1, h2 * 60 + m2)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _as_json(profile: profiles.Profile, weekly: list[WeeklySlot]) -> dict[str, Any]:
    return {
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "languages": profile.languages,
        "home": {
            "address": profile.home.address,
            "latitude": profile.home.latitude,
            "longitude": profile.home.longitude,
        },
        "radius_km": profile.radius_km,
        "weekly_cap_hours": profile.weekly_cap_hours,
        "timezone": profile.timezone,
        "skills": profile.skills,
        "free": [
            {"day": DAYS[s.weekday], "start": _clock(s.start_minute), "end": _clock(s.end_minute)} for s in weekly
        ],
        "saved": profile.exists,
    }


def _print(profile: profiles.Profile, weekly: list[WeeklySlot]) -> None:
    def hours(value: float) -> str:
        return f"{value:g}"

    print(f"{profile.name} <{profile.email}>" + ("" if profile.exists else "  (no profile saved yet)"))
    print(f"phone:        {profile.phone or '-'}")
    print(f"languages:    {', '.join(profile.languages) or '-'}")
    home = profile.home
    place = home.address or (f"{home.latitude}, {home.longitude}" if home.latitude is not None else "-")
    print(f"home:         {place}")
    print(f"travels up to {hours(profile.radius_km)} km")
    cap = profile.weekly_cap_hours
    print(f"weekly limit: {'none' if cap is None else hours(cap) + ' h'}")
    print(f"time zone:    {profile.timezone}")
    print("skills:       " + (", ".join(f"{k}={v}" for k, v in sorted(profile.skills.items())) or "-"))
    print("free weekly:  " + ("-" if not weekly else ""))
    for slot in weekly:
        print(f"  {DAYS[slot.weekday]} {_clock(slot.start_minute)}-{_clock(slot.end_minute)}")


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    profile = profiles.get_profile(db, actor)
    weekly = availability.get_weekly_pattern(db, actor)
    if args.json:
        ctx.print_json(_as_json(profile, weekly))
    else:
        _print(profile, weekly)
    return 0


def _set(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.free and args.no_free:
        raise UsageError("--free and --no-free contradict each other")
    if args.weekly_cap_hours is not None and args.no_weekly_cap:
        raise UsageError("--weekly-cap-hours and --no-weekly-cap contradict each other")
    # Parse everything before touching the database: a bad value writes nothing.
    skills = [parse_skill(text) for text in args.skill or []]
    weekly = [parse_free(day, span) for day, span in args.free or []] if args.free else None
    if args.no_free:
        weekly = []
    db, actor = ctx.database(), ctx.actor()
    current = profiles.get_profile(db, actor)
    held = dict(current.skills)
    for key, level in skills:
        if level == 0:
            held.pop(key, None)
        else:
            held[key] = level
    data = profiles.ProfileInput(
        name=current.name,
        phone=current.phone,
        languages=current.languages,
        radius_km=current.radius_km,
        weekly_cap_hours=current.weekly_cap_hours,
        skills=held,
        timezone=None,
    )
    changes: dict[str, Any] = {}
    if args.name is not None:
        changes["name"] = args.name
    if args.phone is not None:
        changes["phone"] = args.phone
    if args.languages is not None:
        changes["languages"] = [args.languages]
    if args.radius_km is not None:
        changes["radius_km"] = args.radius_km
    if args.weekly_cap_hours is not None:
        changes["weekly_cap_hours"] = args.weekly_cap_hours
    if args.no_weekly_cap:
        changes["weekly_cap_hours"] = None
    if args.timezone is not None:
        changes["timezone"] = args.timezone
    saved = profiles.save_profile(db, actor, replace(data, **changes), weekly=weekly)
    pattern = availability.get_weekly_pattern(db, actor)
    if args.json:
        ctx.print_json(_as_json(saved, pattern))
    else:
        print("Profile saved.")
        _print(saved, pattern)
    return 0
