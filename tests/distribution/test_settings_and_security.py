"""Mail settings (file, environment, what is refused) and the three ways to the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from addin.cli import main
from addin.distribution.settings import load_confirm_settings, load_mail_settings
from addin.errors import ConfigError
from tests.distribution.mail_server import MailServer

pytestmark = pytest.mark.filterwarnings(  # aiosmtpd's own warning for the no-STARTTLS server
    "ignore:Requiring AUTH while not requiring TLS:UserWarning")


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mail.toml"
    path.write_text(text)
    return path


def test_the_file_gives_the_settings_and_the_environment_wins(tmp_path):
    path = config(tmp_path, '[mail]\nhost = "smtp.gmail.com"\nuser = "priya@gmail.com"\n'
                            'password = "file-secret"\nreply_to = "office@x.com"\n'
                            '[confirm]\nbase_url = "https://c.example/"\nsecrets = ["s1"]\n')
    mail = load_mail_settings(path, {"PRODDESK_SMTP_PASSWORD": "env-secret"})
    assert (mail.host, mail.port, mail.security) == ("smtp.gmail.com", 587, "starttls")
    assert mail.password == "env-secret" and mail.sender == "priya@gmail.com"
    assert mail.reply_to == "office@x.com"
    assert "secret" not in repr(mail)
    confirm = load_confirm_settings(path, {})
    assert confirm.base_url == "https://c.example" and "s1" not in repr(confirm)
    assert load_mail_settings(path, {"PRODDESK_SMTP_PORT": "465"}).security == "ssl"


@pytest.mark.parametrize(("text", "env", "says"), [
    ("", {}, "No mail server is set up"),
    ('[mail]\nhost = "smtp.office365.com"\nuser = "a@b.com"\n', {},
     "The mail password for smtp.office365.com is not set in"),
    ('[mail]\nhost = "smtp.x.com"\nport = "five"\n', {}, "The mail port 'five'"),
    ('[mail]\nhost = "smtp.x.com"\n', {"PRODDESK_SMTP_SECURITY": "none"},
     "Mail to smtp.x.com without encryption is refused"),
    ("[mail\n", {}, "is not valid TOML"),
])
def test_unusable_settings_are_one_sentence(tmp_path, text, env, says):
    with pytest.raises(ConfigError, match=says):
        load_mail_settings(config(tmp_path, text), env)


def test_a_confirm_url_without_a_secret_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="need a secret"):
        load_confirm_settings(None, {"PRODDESK_CONFIRM_URL": "https://c.example"})


def _send_with(server: MailServer, sample: Path, monkeypatch, **env: str) -> int:
    for name, value in {**server.env(), **env}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("addin.distribution.settings.DEFAULT_CONFIG", sample.parent / "none")
    return main(["send", str(sample), "--day", "1", "--only", "Sound",
                 "--out", str(sample.parent / "cs")])


def test_ssl_from_the_first_byte_as_on_port_465(tmp_path, sample, monkeypatch):
    with MailServer(tmp_path, security="ssl") as server:
        assert _send_with(server, sample, monkeypatch) == 0
        assert len(server.recorder.received) == 2 and server.recorder.logins == 1


def test_a_server_without_starttls_never_gets_the_password(tmp_path, sample, monkeypatch,
                                                          capsys):
    with MailServer(tmp_path, security="none") as server:
        assert _send_with(server, sample, monkeypatch) == 2
        assert server.recorder.logins == 0 and server.recorder.received == []
    err = " ".join(capsys.readouterr().err.split())
    assert "does not offer STARTTLS, so ProdDesk will not send your password over it" in err
