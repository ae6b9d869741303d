"""Downloads one wheel from PyPI, checks its SHA-256 and unpacks it: fetch-wheel.py URL SHA256 DIR."""
import hashlib
import io
import sys
import urllib.request
import zipfile

url, sha256, target = sys.argv[1:4]
with urllib.request.urlopen(url, timeout=120) as response:
    data = response.read()
digest = hashlib.sha256(data).hexdigest()
if digest != sha256:
    sys.exit(f"fetch-wheel: {url} has sha256 {digest}, expected {sha256}")
zipfile.ZipFile(io.BytesIO(data)).extractall(target)
