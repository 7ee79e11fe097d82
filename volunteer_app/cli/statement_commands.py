"""STUB: this group of commands is being written; it registers nothing yet."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    del subparsers, common
