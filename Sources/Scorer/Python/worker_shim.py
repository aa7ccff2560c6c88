# swiftlet Python worker: runs an Azure ML entry script (init()/run(raw_data)) for the scorer.
# Standard library only. Frames on fd 0 (requests) and fd 1 (answers): u32 big-endian length of
# what follows, one type byte, payload. Anything the script prints goes to stderr, the scorer's log.
import importlib.util
import inspect
import json
import os
import struct
import sys
import time
import traceback
import types
import urllib.parse

FRAME_HEADER = struct.Struct(">IB")
ANSWER_HEAD = struct.Struct(">HI")
SWAGGER_VERSIONS = {"2": ("2", "2.0"), "3": ("3", "3.0"), "3.1": ("3.1",)}
ALL_SCHEMA_VERSIONS = ["2.0", "3.0", "3.1"]


class BadInput(Exception):
    status = 400


class UnsupportedInput(Exception):
    status = 415


def read_exact(stream, count):
    data = bytearray()
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)


def write_frame(stream, kind, payload):
    stream.write(FRAME_HEADER.pack(len(payload) + 1, kind) + payload)


def load_user_module(path):
    spec = importlib.util.spec_from_file_location("entry_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("init", "run"):
        if not hasattr(module, name):
            raise RuntimeError(f"User script at {path} does not have a {name}() function defined.")
    driver = getattr(module, "driver_module", None)
    if isinstance(driver, types.ModuleType) and hasattr(driver, "run"):
        return module.init, driver.run
    return module.init, module.run


def schema_tools():
    try:
        from inference_schema import schema_util
    except ImportError:
        return None
    return schema_util


class EntryScript:
    """The user's run() and how to call it, decided once as azmlinfsrv does."""

    def __init__(self, run):
        self.run = run
        params = list(inspect.signature(run).parameters.values())
        if any(p.kind not in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params):
            raise RuntimeError("run() cannot accept positional-only arguments, *args, or **kwargs.")
        self.wants_headers = any(p.name == "request_headers" for p in params)
        params = [p for p in params if p.name != "request_headers"]
        if not params:
            raise RuntimeError("run() needs to accept an argument for input data.")
        self.params = params
        tools = schema_tools()
        self.decorated = bool(tools and tools.is_schema_decorated(run))

    def arguments(self, method, query, headers, body):
        if self.decorated:
            values = self._query_values(query) if method == "GET" else self._json_body(headers, body)
            args = {}
            for p in self.params:
                value = values.get(p.name, p.default)
                if value is inspect.Parameter.empty:
                    raise BadInput(f"A value is not provided for the {p.name!r} parameter.")
                args[p.name] = value
            return args
        if method == "GET":
            return {self.params[0].name: json.dumps(self._query_values(query))}
        try:
            return {self.params[0].name: str(body, "utf-8")}
        except UnicodeDecodeError as ex:
            raise BadInput(f"Input cannot be decoded as UTF-8: {ex}") from None

    @staticmethod
    def _query_values(query):
        values = {}
        for key, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
            values.setdefault(key, []).append(parse_json_or_text(value))
        return {k: v[0] if len(v) == 1 else v for k, v in values.items()}

    @staticmethod
    def _json_body(headers, body):
        mimetype = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not (mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))):
            raise UnsupportedInput("Expects Content-Type to be application/json")
        try:
            parsed = json.loads(body)
        except ValueError as ex:
            if body:
                raise BadInput(f"POST body could not be decoded as JSON: {ex}") from None
            raise BadInput("POST body is empty. Expecting a JSON dictionary.") from None
        if not isinstance(parsed, dict):
            raise BadInput("POST body should be a JSON dictionary.")
        return parsed

    def call(self, args, headers):
        if self.wants_headers:
            return self.run(**args, request_headers=headers)
        return self.run(**args)


def parse_json_or_text(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_request(payload):
    meta_length = struct.unpack_from(">I", payload)[0]
    meta = payload[4 : 4 + meta_length].decode("utf-8", "replace").split("\n")
    headers = {}
    for line in meta[2:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.title()] = value
    return meta[0], meta[1], headers, payload[4 + meta_length :]


def answer(status, body, headers):
    block = "".join(f"{name}:{value}\n" for name, value in headers).encode("latin-1")
    return ANSWER_HEAD.pack(status, len(block)) + block + body


def json_answer(status, value, failed=False, extra=()):
    headers = [("Content-Type", "application/json"), ("x-ms-run-function-failed", str(failed)), *extra]
    return answer(status, json.dumps(value).encode("utf-8"), headers)


def response_answer(result, elapsed):
    """run() returned a flask/werkzeug Response (AMLResponse): pass it through."""
    headers = [(k, v) for k, v in result.headers.items() if k.lower() != "content-length"]
    if result.status_code >= 500:
        headers = [(k, v) for k, v in headers if k.lower() != "x-ms-run-function-failed"]
        headers.append(("x-ms-run-function-failed", "True"))
    return answer(result.status_code, result.get_data(), headers + [elapsed])


def score(script, payload):
    method, query, headers, body = parse_request(payload)
    try:
        args = script.arguments(method, query, headers, body)
    except (BadInput, UnsupportedInput) as ex:
        return json_answer(ex.status, {"message": ex.args[0]})
    started = time.perf_counter()
    try:
        result = script.call(args, headers)
    except Exception:
        print("Encountered Exception: " + traceback.format_exc(), file=sys.stderr, flush=True)
        message = "An unexpected error occurred in scoring script. Check the logs for more info."
        return json_answer(500, {"message": message}, failed=True)
    elapsed = ("x-ms-run-fn-exec-ms", f"{(time.perf_counter() - started) * 1000:.3f}")
    try:
        if hasattr(result, "status_code") and hasattr(result, "get_data"):
            return response_answer(result, elapsed)
        return json_answer(200, {} if result is None else result, extra=[elapsed])
    except Exception:
        print("Encountered Exception: " + traceback.format_exc(), file=sys.stderr, flush=True)
        message = "An unexpected internal error occurred. Check the logs for more info."
        return json_answer(500, {"message": message})


def main():
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    answers = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(2, 1)
    entry = os.environ["AZUREML_ENTRY_SCRIPT"]
    app_root = os.environ.get("AML_APP_ROOT") or os.path.dirname(entry)
    sys.path.append(app_root)
    try:
        init, run = load_user_module(entry)
        script = EntryScript(run)
        init()
        swagger = swagger_documents(app_root, script)
    except BaseException:
        write_frame(answers, ord("E"), traceback.format_exc().encode("utf-8", "replace"))
        sys.exit(3)
    write_frame(answers, ord("S"), json.dumps(swagger).encode("utf-8"))
    while True:
        try:
            length, kind = FRAME_HEADER.unpack(read_exact(requests, FRAME_HEADER.size))
            payload = read_exact(requests, length - 1)
        except EOFError:
            return
        if kind == ord("R"):
            write_frame(answers, ord("A"), score(script, payload))


# ---- swagger, the documents azmlinfsrv serves for the same script ----

def swagger_documents(app_root, script):
    """Serialized swagger per version alias, plus the version lists used in error messages."""
    documents, supported = {}, []
    for version, aliases in SWAGGER_VERSIONS.items():
        document = user_swagger(app_root, version) or generated_swagger(version, script)
        if document is None:
            continue
        supported.append(version)
        for alias in aliases:
            documents[alias] = json.dumps(document)
    valid = sorted(alias for aliases in SWAGGER_VERSIONS.values() for alias in aliases)
    return {"documents": documents, "supported": sorted(supported), "valid": valid}


def user_swagger(app_root, version):
    names = ["swagger.json", "swagger2.json"] if version == "2" else [f"swagger{version}.json"]
    for name in names:
        try:
            with open(os.path.join(app_root, name), encoding="utf-8") as file:
                return json.load(file)
        except FileNotFoundError:
            continue
    return None


def generated_swagger(version, script):
    tools = schema_tools()
    wanted = set(SWAGGER_VERSIONS[version])
    supported = tools.get_supported_versions(script.run) if tools else ALL_SCHEMA_VERSIONS
    if not wanted.intersection(supported):
        return None
    if script.decorated:
        schemas = tools.get_input_schema(script.run), tools.get_output_schema(script.run)
    else:
        schemas = {"type": "object", "example": {}}, {"type": "object", "example": {}}
    return swagger2(*schemas) if version == "2" else swagger3(version, *schemas)


def service_info():
    name = os.environ.get("SERVICE_NAME", "ML service")
    prefix = os.environ.get("SERVICE_PATH_PREFIX", "").strip("/")
    info = {
        "title": name,
        "description": f"API specification for the Azure Machine Learning service {name}",
        "version": os.environ.get("SERVICE_VERSION", "1.0"),
    }
    return info, f"/{prefix}" if prefix else ""


HEALTH = "Simple health check endpoint to ensure the service is up at any given point."
HEALTHY = "If service is up and running, this response will be returned with the content 'Healthy'"
FAILED = "The service failed to execute due to an error."
SCORED = "The service processed the input correctly and provided a result prediction, if applicable."
PAYLOAD = "The input payload for executing the real-time machine learning service."
ERROR_SCHEMA = {"type": "object", "properties": {"message": {"type": "string"}}}
BEARER = {"type": "apiKey", "name": "Authorization", "in": "header", "description": "For example: Bearer abc123"}


def swagger2(input_schema, output_schema):
    info, prefix = service_info()
    error = {"description": FAILED, "schema": {"$ref": "#/definitions/ErrorResponse"}}
    return {
        "swagger": "2.0", "info": info, "schemes": ["https"],
        "consumes": ["application/json"], "produces": ["application/json"],
        "securityDefinitions": {"Bearer": BEARER},
        "paths": {
            f"{prefix}/": {"get": {
                "operationId": "ServiceHealthCheck", "description": HEALTH,
                "responses": {"200": {"description": HEALTHY, "schema": {"type": "string"},
                                      "examples": {"application/json": "Healthy"}}, "default": error}}},
            f"{prefix}/score": {"post": {
                "operationId": "RunMLService", "description": "Run web service's model and get the prediction output",
                "security": [{"Bearer": []}],
                "parameters": [{"name": "serviceInputPayload", "in": "body", "description": PAYLOAD,
                                "schema": {"$ref": "#/definitions/ServiceInput"}}],
                "responses": {"200": {"description": SCORED, "schema": {"$ref": "#/definitions/ServiceOutput"}},
                              "default": error}}},
            f"{prefix}/swagger.json": {"get": {
                "operationId": "GetSwaggerSpec", "description": "Get the Swagger specification.",
                "parameters": [{"name": "version", "in": "query", "required": False, "type": "integer",
                                "enum": [2, 3]}],
                "responses": {"200": {"description": "The Swagger specification.", "schema": {"type": "string"}},
                              "default": error}}},
        },
        "definitions": {"ServiceInput": input_schema, "ServiceOutput": output_schema, "ErrorResponse": ERROR_SCHEMA},
    }


def swagger3(version, input_schema, output_schema):
    info, prefix = service_info()

    def content(schema, mimetype="application/json"):
        return {mimetype: {"schema": schema}}

    error = {"description": FAILED, "content": content({"$ref": "#/components/schemas/ErrorResponse"})}
    return {
        "openapi": "3.1.0" if version == "3.1" else "3.0.3", "info": info, "security": [{"Bearer": []}],
        "paths": {
            f"{prefix}/": {"get": {
                "operationId": "ServiceHealthCheck", "description": HEALTH,
                "responses": {"200": {"description": HEALTHY,
                                      "content": content({"type": "string", "example": "Healthy"}, "text/plain")},
                              "default": error}}},
            f"{prefix}/score": {"post": {
                "operationId": "RunMLService", "description": "Run web service's model and get the prediction output",
                "security": [{"Bearer": []}],
                "requestBody": {"description": PAYLOAD,
                                "content": content({"$ref": "#/components/schemas/ServiceInput"})},
                "responses": {"200": {"description": SCORED,
                                      "content": content({"$ref": "#/components/schemas/ServiceOutput"})},
                              "default": error}}},
            f"{prefix}/swagger.json": {"get": {
                "operationId": "GetSwaggerSpec", "description": "Get the Swagger specification.",
                "parameters": [{"name": "version", "in": "query", "required": False,
                                "schema": {"type": "integer", "enum": [2, 3]}}],
                "responses": {"200": {"description": "The Swagger specification.",
                                      "content": content({"type": "string"}, "text/plain")},
                              "default": error}}},
        },
        "components": {
            "schemas": {"ServiceInput": input_schema, "ServiceOutput": output_schema, "ErrorResponse": ERROR_SCHEMA},
            "securitySchemes": {"Bearer": BEARER},
        },
    }


if __name__ == "__main__":
    main()
