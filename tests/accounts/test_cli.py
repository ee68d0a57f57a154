"""Command line: provisioning accounts and the demo data."""

from novanet.accounts.models import User
from novanet.extensions import db


def test_users_create_admin(runner):
    r = runner.invoke(args=["users", "create", "admin", "--email", "root@example.org",
                            "--password", "una clave larga de admin", "--admin"])
    assert r.exit_code == 0, r.output
    user = db.session.query(User).filter_by(username="admin").one()
    assert user.is_admin and user.is_verified


def test_users_create_reports_bad_input(runner):
    r = runner.invoke(args=["users", "create", "x", "--email", "bad", "--password", "short"])
    assert r.exit_code != 0 and "email" in r.output and "password" in r.output
    assert db.session.query(User).count() == 0


def test_seed_demo_is_idempotent(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = db.session.query(User).count()
    r = runner.invoke(args=["seed-demo"])
    assert r.exit_code == 0, r.output
    assert db.session.query(User).count() == first >= 10
    admin = db.session.query(User).filter_by(username="admin").one()
    assert admin.is_admin
    ana = db.session.query(User).filter_by(username="ana_sousa").one()
    assert ana.country == "PT" and ana.links and ana.expertise_tags
