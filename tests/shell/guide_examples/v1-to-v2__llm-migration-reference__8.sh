# from v1-to-v2/llm-migration-reference.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 2890
# Lightroom job
curl -X GET https://image.adobe.io/lrService/status/{jobId} \
  -H "Authorization: Bearer $token" \
  -H "x-api-key: $apiKey"

# Photoshop job
curl -X GET https://image.adobe.io/pie/psdService/status/{jobId} \
  -H "Authorization: Bearer $token" \
  -H "x-api-key: $apiKey"
