#!/bin/sh
# Copies this image's debugging support files into the /dbg volume of the pod (an init container).
set -e
if [ ! -d /dbg ]; then
  echo "install: /dbg is not mounted; run this image with a volume at /dbg" >&2
  exit 1
fi
echo "Installing runtime debugging support files in /dbg"
cp -rp /duct-tape/. /dbg/
echo "Installation complete"
