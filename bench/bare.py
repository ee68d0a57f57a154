"""The ceiling: a bare Flask page of a given size (BENCH_BYTES), served like NovaNet."""

import os

from flask import Flask

app = Flask(__name__)
BODY = b"<!doctype html><title>bare</title>" + b"x" * max(0, int(os.environ.get("BENCH_BYTES",
                                                                             "50000")) - 34)


@app.get("/")
def page():
    return BODY, 200, {"Content-Type": "text/html; charset=utf-8"}
