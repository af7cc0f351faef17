"""An SMTP server for Parasat's tests that requires STARTTLS and AUTH:
aiosmtpd's command line cannot ask for AUTH. Arguments: host port maildir
certfile keyfile user password. Runs until its standard input closes."""
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

host, port, maildir, cert, key, user, password = sys.argv[1:8]


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
          and auth_data.password == password.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: the server says 535


tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.load_cert_chain(cert, key)
controller = Controller(Mailbox(maildir), hostname=host, port=int(port), tls_context=tls,
                        require_starttls=True, authenticator=authenticate, auth_required=True)
controller.start()
print("listening", flush=True)
sys.stdin.read()
controller.stop()
