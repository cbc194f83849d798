#!/usr/bin/env bash
# A v1 client as people wrote them: submit an action, poll its status link, print the rendition.
set -euo pipefail
API="https://image.adobe.io"

status_url=$(curl -sS -X POST "$API/pie/psdService/photoshopActions" \
  -H "Authorization: Bearer $TOKEN" \
  -H "x-api-key: $API_KEY" \
  -H "Content-Type: application/json" \
  -d '{
  "inputs": [{"href": "'"$INPUT_URL"'", "storage": "external"}],
  "options": {"actions": [{"href": "https://actions.example/resize.atn", "storage": "external"}]},
  "outputs": [{"href": "'"$OUTPUT_URL"'", "storage": "external", "type": "image/png"}]
}' | jq -r '._links.self.href')

state=unknown
for attempt in $(seq 1 30); do
  state=$(curl -sS "$status_url" -H "Authorization: Bearer $TOKEN" -H "x-api-key: $API_KEY" \
    | jq -r '.outputs[0].status')
  if [ "$state" = succeeded ] || [ "$state" = failed ]; then
    break
  fi
  sleep 0.1
done
if [ "$state" != succeeded ]; then
  echo "job ended $state" >&2
  exit 1
fi
curl -sS "$status_url" -H "Authorization: Bearer $TOKEN" -H "x-api-key: $API_KEY" \
  | jq -r '.outputs[0]._links.renditions[0].href'
