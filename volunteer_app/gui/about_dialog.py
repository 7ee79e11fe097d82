"""About: version, the licences of what the app is built on, and where its map data comes from."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from volunteer_app import __version__
from volunteer_app.gui.style import Retranslating, heading_label

# (component, licence); names and licence identifiers are not translated.
COMPONENTS = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("psycopg", "LGPL-3.0"),
    ("argon2-cffi", "MIT"),
    ("cryptography", "Apache-2.0 / BSD-3-Clause"),
    ("geopy", "MIT"),
    ("pyproj", "MIT"),
    ("NumPy", "BSD-3-Clause"),
    ("SciPy", "BSD-3-Clause"),
    ("platformdirs", "MIT"),
)


class AboutDialog(Retranslating, QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label(self)
        self.version_label = QLabel(self)
        self.version_label.setWordWrap(True)
        self.body = QTextBrowser(self)
        self.body.setOpenExternalLinks(True)
        self.body.setMinimumSize(520, 360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.version_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def version_text(self) -> str:
        return self.tr("Version {version} · Python {python} · Qt {qt} · PySide6 {pyside}").format(
            version=__version__, python=platform.python_version(), qt=qVersion(), pyside=PySide6.__version__
        )

    def body_html(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;{html.escape(licence)}</td></tr>"
            for name, licence in COMPONENTS
        )
        esc = html.escape
        intro = self.tr(
            "Small volunteering tasks close to home: volunteers find tasks that fit their "
            "skills and free hours; coordinators fill them and verify the hours served."
        )
        licence = self.tr(
            "Volunteer App is free software under the GNU General Public License, "
            "version 3 or (at your option) any later version (GPL-3.0-or-later). "
            "It comes with no warranty."
        )
        geonames = self.tr(
            "Place names for offline search come from GeoNames (geonames.org), "
            "licensed under Creative Commons Attribution 4.0 (CC BY 4.0)."
        )
        osm = self.tr(
            "Online address search uses OpenStreetMap data through Nominatim: "
            "© OpenStreetMap contributors, available under the Open Database License (ODbL)."
        )
        # Not self.tr() inside the f-strings: lupdate does not look there.
        licence_title, built_with, map_data = self.tr("Licence"), self.tr("Built with"), self.tr("Map data")
        return (
            f"<p>{esc(intro)}</p>"
            f"<h3>{esc(licence_title)}</h3><p>{esc(licence)}</p>"
            f"<h3>{esc(built_with)}</h3><table>{rows}</table>"
            f"<h3>{esc(map_data)}</h3><p>{esc(geonames)}</p><p>{esc(osm)}</p>"
            '<p><a href="https://www.geonames.org/">geonames.org</a> · '
            '<a href="https://www.openstreetmap.org/copyright">openstreetmap.org/copyright</a></p>'
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Volunteer App"))
        self.heading.setText(self.tr("Volunteer App"))
        self.version_label.setText(self.version_text())
        self.body.setHtml(self.body_html())
        self.body.setAccessibleName(self.tr("About, licences and data sources"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))


__all__ = ["AboutDialog", "COMPONENTS"]
