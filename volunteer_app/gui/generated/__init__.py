"""Modules compiled from ui/*.ui by scripts/compile_ui.sh: do not edit."""
