# from v1-to-v2/convenience-apis/split-view.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 37
curl -X POST \
  https://image.adobe.io/pie/psdService/splitView \
  -H "Authorization: Bearer $token" \
  -H "x-api-key: $apiKey" \
  -H "Content-Type: application/json" \
  -d '{
  "inputs": [
    {
      "href": "<ORIGINAL_IMAGE_URL>",
      "storage": "external"
    }
  ],
  "outputs": [
    {
      "href": "<OUTPUT_URL>",
      "storage": "external",
      "type": "image/jpeg"
    }
  ]
}'
