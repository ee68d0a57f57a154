def test_home(client):
    r = client.get("/")
    assert r.status_code == 200
    assert b"<main" in r.data
