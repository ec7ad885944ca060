#!/bin/sh
# Installs the e-reader udev rule so the pharmacist's session can read the HID device.
set -e
RULE=/opt/Comptoir/resources/udev/70-comptoir-e-reader.rules
if [ -f "$RULE" ]; then
  install -m 0644 "$RULE" /etc/udev/rules.d/70-comptoir-e-reader.rules
  udevadm control --reload-rules 2>/dev/null || true
  udevadm trigger --subsystem-match=hidraw 2>/dev/null || true
fi
