from novanet.search.highlight import fold, snippet, title


def test_fold_keeps_positions():
    assert fold("Participación ÇÃO") == "participacion cao"
    assert len(fold("ßİ")) == 2


def test_title_marks_accent_insensitively_and_escapes():
    out = str(title("<b>Participación</b> & presupuestos", ["participacion", "presu"]))
    assert out == ("&lt;b&gt;<mark>Participación</mark>&lt;/b&gt; &amp; "
                   "<mark>presupuestos</mark>")


def test_only_whole_words_except_the_last_term():
    assert "<mark>" not in str(title("participaciones", ["participacion", "x"]))
    assert str(title("participaciones", ["participacion"])).count("<mark>") == 1


def test_snippet_window_around_first_match():
    body = " ".join(f"w{i}" for i in range(100)) + " agua " + " ".join(f"z{i}" for i in range(100))
    out = str(snippet(body, ["agua"], words=10))
    assert out.startswith("… ") and out.endswith(" …") and "<mark>agua</mark>" in out
    assert len(out.split()) <= 14


def test_snippet_without_match_is_the_start():
    assert str(snippet("uno dos tres", ["zzz"])) == "uno dos tres"
    assert str(snippet("<script>", ["zzz"])) == "&lt;script&gt;"
