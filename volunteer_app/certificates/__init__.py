"""Service certificates (志愿服务记录证明): their facts, the signed QR payload, the PDF, reading them back.

Pure below the services: no database, and no Qt except in ``pdf`` (the one painter
below the GUI, as DESIGN.md allows). ``content`` holds the facts, ``payload`` the
compact signed text the QR code carries, ``qr`` the QR matrix, ``decode`` reads a
payload back from a PDF, a photo or scan, or pasted text.
"""
