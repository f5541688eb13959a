"""A small OpenID Connect provider on 127.0.0.1 for the single sign-on tests.

It serves discovery, authorize (answers at once with a code for the configured claims), token (an RS256 ID
token, checking the client secret and the PKCE verifier), JWKS and userinfo. `tamper` makes it misbehave:
"key" signs with a key not in its JWKS, "nonce", "audience", "issuer" and "expired" spoil that claim,
"subject" answers userinfo for someone else.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "nieuwsroom"
CLIENT_SECRET = "geheim-voor-tests"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = {}
        self.tamper = None
        self.codes = {}
        self.tokens = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                provider.handle(self)

            def do_POST(self):
                provider.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_ISSUER": self.url,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.url + "/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": self.url + "/token",
            "OIDC_OP_USER_ENDPOINT": self.url + "/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": self.url + "/jwks",
        }

    def handle(self, request):
        url = urlsplit(request.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        if request.command == "POST":
            length = int(request.headers.get("Content-Length") or 0)
            query.update({k: v[0] for k, v in parse_qs(request.rfile.read(length).decode()).items()})
        route = {
            "/.well-known/openid-configuration": self.discovery,
            "/authorize": self.authorize,
            "/token": self.token,
            "/jwks": self.jwks,
            "/userinfo": self.userinfo,
        }.get(url.path)
        status, headers, body = route(request, query) if route else (404, {}, {"error": "not_found"})
        request.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(json.dumps(body).encode())

    def discovery(self, request, query):
        return (
            200,
            {},
            {
                "issuer": self.url,
                "authorization_endpoint": self.url + "/authorize",
                "token_endpoint": self.url + "/token",
                "userinfo_endpoint": self.url + "/userinfo",
                "jwks_uri": self.url + "/jwks",
                "id_token_signing_alg_values_supported": ["RS256"],
            },
        )

    def authorize(self, request, query):
        if query.get("client_id") != CLIENT_ID:
            return 400, {}, {"error": "unauthorized_client"}
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        return 302, {"Location": target}, {}

    def token(self, request, query):
        authorized = self.codes.pop(query.get("code"), None)
        if authorized is None or query.get("client_secret") != CLIENT_SECRET:
            return 400, {}, {"error": "invalid_grant"}
        challenge = base64.urlsafe_b64encode(hashlib.sha256(query.get("code_verifier", "").encode()).digest())
        if challenge.decode().rstrip("=") != authorized.get("code_challenge"):
            return 400, {}, {"error": "invalid_grant", "error_description": "PKCE"}
        now = int(time.time())
        claims = {
            "iss": self.url + ("/ander" if self.tamper == "issuer" else ""),
            "aud": "iemand-anders" if self.tamper == "audience" else CLIENT_ID,
            "sub": self.claims["sub"],
            "nonce": "verkeerd" if self.tamper == "nonce" else authorized.get("nonce"),
            "iat": now - 5,
            "exp": now - 60 if self.tamper == "expired" else now + 300,
        }
        key = self.other_key if self.tamper == "key" else self.key
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "sleutel-1"})
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = dict(self.claims)
        return 200, {}, {"access_token": access_token, "id_token": id_token, "token_type": "Bearer"}

    def jwks(self, request, query):
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return 200, {}, {"keys": [{**jwk, "kid": "sleutel-1", "alg": "RS256", "use": "sig"}]}

    def userinfo(self, request, query):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = self.tokens.get(token)
        if claims is None:
            return 401, {}, {"error": "invalid_token"}
        if self.tamper == "subject":
            claims = {**claims, "sub": "iemand-anders"}
        return 200, {}, claims
