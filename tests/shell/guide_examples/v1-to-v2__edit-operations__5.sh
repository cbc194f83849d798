# from v1-to-v2/edit-operations.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 481
curl -X POST \
  https://image.adobe.io/lrService/edit \
  -H "Authorization: Bearer $token" \
  -H "x-api-key: $apiKey" \
  -H "Content-Type: application/json" \
  -d '{
  "inputs": {
    "href": "<SIGNED_GET_URL>",
    "storage": "external"
  },
  "options": {
    "Exposure": 1.2,
    "Contrast": 10,
    "Saturation": 20
  },
  "outputs": [
    {
      "href": "<SIGNED_POST_URL>",
      "storage": "external",
      "type": "image/jpeg"
    }
  ]
}'
