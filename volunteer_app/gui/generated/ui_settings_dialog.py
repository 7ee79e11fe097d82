# generated from ui/settings_dialog.ui by scripts/compile_ui.sh: do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(560, 400)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 20, 20, 16)
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setHorizontalSpacing(12)
        self.formLayout.setVerticalSpacing(6)
        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(SettingsDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.languageNote = QLabel(SettingsDialog)
        self.languageNote.setObjectName(u"languageNote")
        self.languageNote.setWordWrap(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.languageNote)

        self.databaseLabel = QLabel(SettingsDialog)
        self.databaseLabel.setObjectName(u"databaseLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.databaseLabel)

        self.databaseRow = QHBoxLayout()
        self.databaseRow.setSpacing(6)
        self.databaseRow.setObjectName(u"databaseRow")
        self.databaseEdit = QLineEdit(SettingsDialog)
        self.databaseEdit.setObjectName(u"databaseEdit")
        self.databaseEdit.setClearButtonEnabled(True)

        self.databaseRow.addWidget(self.databaseEdit)

        self.chooseFileButton = QPushButton(SettingsDialog)
        self.chooseFileButton.setObjectName(u"chooseFileButton")
        self.chooseFileButton.setAutoDefault(False)

        self.databaseRow.addWidget(self.chooseFileButton)


        self.formLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.databaseRow)

        self.databaseNote = QLabel(SettingsDialog)
        self.databaseNote.setObjectName(u"databaseNote")
        self.databaseNote.setWordWrap(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.databaseNote)

        self.nominatimLabel = QLabel(SettingsDialog)
        self.nominatimLabel.setObjectName(u"nominatimLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.nominatimLabel)

        self.nominatimEdit = QLineEdit(SettingsDialog)
        self.nominatimEdit.setObjectName(u"nominatimEdit")
        self.nominatimEdit.setClearButtonEnabled(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.nominatimEdit)

        self.nominatimNote = QLabel(SettingsDialog)
        self.nominatimNote.setObjectName(u"nominatimNote")
        self.nominatimNote.setWordWrap(True)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.nominatimNote)

        self.offlineCheck = QCheckBox(SettingsDialog)
        self.offlineCheck.setObjectName(u"offlineCheck")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.offlineCheck)

        self.reminderLabel = QLabel(SettingsDialog)
        self.reminderLabel.setObjectName(u"reminderLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.reminderLabel)

        self.reminderCombo = QComboBox(SettingsDialog)
        self.reminderCombo.setObjectName(u"reminderCombo")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.reminderCombo)

        self.reminderNote = QLabel(SettingsDialog)
        self.reminderNote.setObjectName(u"reminderNote")
        self.reminderNote.setWordWrap(True)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.reminderNote)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.databaseLabel.setBuddy(self.databaseEdit)
        self.nominatimLabel.setBuddy(self.nominatimEdit)
        self.reminderLabel.setBuddy(self.reminderCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.languageCombo, self.databaseEdit)
        QWidget.setTabOrder(self.databaseEdit, self.chooseFileButton)
        QWidget.setTabOrder(self.chooseFileButton, self.nominatimEdit)
        QWidget.setTabOrder(self.nominatimEdit, self.offlineCheck)
        QWidget.setTabOrder(self.offlineCheck, self.reminderCombo)

        self.retranslateUi(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Language:", None))
#if QT_CONFIG(accessibility)
        self.languageCombo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Language", None))
#endif // QT_CONFIG(accessibility)
        self.languageNote.setText(QCoreApplication.translate("SettingsDialog", u"The window changes language at once.", None))
        self.databaseLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Database:", None))
#if QT_CONFIG(accessibility)
        self.databaseEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Database location", None))
#endif // QT_CONFIG(accessibility)
        self.databaseEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"The default file in your data folder", None))
#if QT_CONFIG(accessibility)
        self.chooseFileButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choose a database file", None))
#endif // QT_CONFIG(accessibility)
        self.chooseFileButton.setText(QCoreApplication.translate("SettingsDialog", u"Choose &file\u2026", None))
        self.databaseNote.setText(QCoreApplication.translate("SettingsDialog", u"An SQLite file, or a server such as postgresql+psycopg://user@host/volunteers. A new location takes effect when you restart the app.", None))
        self.nominatimLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Geocoding server:", None))
#if QT_CONFIG(accessibility)
        self.nominatimEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Geocoding server address", None))
#endif // QT_CONFIG(accessibility)
        self.nominatimEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"The public OpenStreetMap Nominatim", None))
        self.nominatimNote.setText(QCoreApplication.translate("SettingsDialog", u"Turns addresses into places on the map. Leave empty to use the public server.", None))
        self.offlineCheck.setText(QCoreApplication.translate("SettingsDialog", u"Work &offline: find places only in the built-in city list", None))
#if QT_CONFIG(accessibility)
        self.offlineCheck.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Work offline", None))
#endif // QT_CONFIG(accessibility)
        self.reminderLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Remind me before a task:", None))
#if QT_CONFIG(accessibility)
        self.reminderCombo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Remind me before a task", None))
#endif // QT_CONFIG(accessibility)
        self.reminderNote.setText(QCoreApplication.translate("SettingsDialog", u"While the app runs, a notification comes this long before each task you are signed up for.", None))
    # retranslateUi

