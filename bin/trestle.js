#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/ (built by `npm run build`).
import "../dist/trestle.js";
