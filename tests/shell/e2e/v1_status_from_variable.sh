#!/usr/bin/env bash
# A v1 client keeping each answer in a variable (Adobe's sample scripts): the status link is read
# with `echo "$response" | jq`, the poll with a here-string, the rendition after the loop.
set -euo pipefail
endpoint='https://image.adobe.io/pie/psdService/renditionCreate'

response=$(curl -sS -X POST "$endpoint" \
  -H "Authorization: Bearer $TOKEN" \
  -H "x-api-key: $API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
  "inputs": [{"href": "'"$INPUT_URL"'", "storage": "external"}],
  "outputs": [{"href": "'"$OUTPUT_URL"'", "storage": "external", "type": "image/png", "width": 300}]
}')
statusUrl=$(echo "$response" | jq -r '._links.self.href')

status='pending'
attempts=0
while [ "$status" != "succeeded" ] && [ "$status" != "failed" ]; do
  attempts=$((attempts + 1))
  if [ "$attempts" -gt 30 ]; then
    echo "still $status" >&2
    exit 1
  fi
  sleep 0.1
  result=$(curl -sS "$statusUrl" -H "Authorization: Bearer $TOKEN" -H "x-api-key: $API_KEY")
  status=$(jq -r '.outputs[0].status' <<< "$result")
done
if [ "$status" != succeeded ]; then
  echo "job ended $status" >&2
  exit 1
fi
echo "$result" | jq -er '.outputs[0]._links.renditions[0].href'
