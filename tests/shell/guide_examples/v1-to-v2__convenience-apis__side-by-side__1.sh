# from v1-to-v2/convenience-apis/side-by-side.md (AdobeDocs/ffs-photoshop-API, Apache-2.0), fenced block `shell` at line 40
curl -X POST \
  https://image.adobe.io/pie/psdService/sideBySide \
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
