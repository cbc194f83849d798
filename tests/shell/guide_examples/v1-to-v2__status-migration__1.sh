# from v1-to-v2/status-migration.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 58
curl -X GET \
  https://image.adobe.io/lrService/status/550e8400-e29b-41d4-a716-446655440000 \
  -H "Authorization: Bearer $token" \
  -H "x-api-key: $apiKey"
