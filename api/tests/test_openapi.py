"""The published OpenAPI schema, from which clients generate their code."""

from api.api import api


def test_every_operation_keeps_its_published_operation_id():
    # Generated clients name their methods after these; a changed id breaks them.
    schema = api.get_openapi_schema()
    ids = {
        (method.upper(), path): operation["operationId"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert ids == {
        ("GET", "/api/notices"): "api_api_notice_list",
        ("GET", "/api/notices/{notice_id}"): "api_api_notice_detail",
        ("GET", "/api/notices/{notice_id}/activities"): "api_api_notice_activities",
        ("GET", "/api/requirements"): "api_api_requirement_list",
        ("GET", "/api/requirements/{requirement_id}"): "api_api_requirement_detail",
        ("GET", "/api/reports"): "api_api_report_list",
        ("POST", "/api/reports"): "api_api_report_create",
        ("GET", "/api/reports/{report_id}"): "api_api_report_detail",
        ("PATCH", "/api/reports/{report_id}"): "api_api_report_update",
        ("POST", "/api/reports/{report_id}/submit"): "api_api_report_submit",
        ("GET", "/api/units/{unit_id}/rollup"): "api_api_unit_rollup",
    }
