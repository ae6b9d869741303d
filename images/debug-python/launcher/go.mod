module trestle.dev/debug-support/python-launcher

go 1.19
