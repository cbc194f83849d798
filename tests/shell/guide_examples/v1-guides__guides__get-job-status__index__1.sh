# from v1-guides/guides/get-job-status/index.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 25
curl -X GET \
  https://image.adobe.io/pie/psdService/status/<JOB_ID> \
  -H "Authorization: Bearer $token"  \
  -H "x-api-key: $apiKey" \
  -H "Content-Type: application/json"
