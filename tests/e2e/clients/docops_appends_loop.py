"""Banner sizes from one PSD template, after a public Adobe demo (tabs as in the original): the
body is a literal whose `layers` and `outputs` lists are filled by appends in a loop."""

import os
import time

import requests

TEMPLATE = "https://acme-assets.s3.amazonaws.com/templates/banners.psd?X-Amz-Signature=c301"
SIZES = ["1200x628", "1080x1080", "300x250"]


def createPSD(psd, sizes, urls, outputs, id, token):
	data = {
		"inputs": [{"href": psd, "storage": "external"}],
		"options": {"layers": []},
		"outputs": []
	}
	for (x, size) in enumerate(sizes):
		width, height = size.split('x')
		data["options"]["layers"].append({
			"name": f"{width}x{height}-product",
			"edit": {},
			"input": {"storage": "external", "href": urls[x]}
		})
		data["outputs"].append({
			"href": outputs[x], "storage": "external", "type": "image/jpeg",
			"trimToCanvas": True, "layers": [{"name": f"{width}x{height}"}]
		})
	response = requests.post("https://image.adobe.io/pie/psdService/documentOperations",
	                         headers={"Authorization": f"Bearer {token}", "x-api-key": id}, json=data)
	return response.json()


def poll(job, id, token):
	url = job["_links"]["self"]["href"]
	while True:
		answer = requests.get(url, headers={"Authorization": f"Bearer {token}", "x-api-key": id}).json()
		status = answer["outputs"][0]["status"]
		if status == "failed":
			raise RuntimeError(answer)
		if status == "succeeded":
			return answer
		time.sleep(2)


def main() -> list:
	id, token = os.environ["CLIENT_ID"], os.environ["ACCESS_TOKEN"]
	urls = [f"https://acme-assets.s3.amazonaws.com/products/{size}.png?X-Amz-Signature=c302" for size in SIZES]
	outputs = [f"https://acme-assets.s3.amazonaws.com/banners/{size}.jpg?X-Amz-Signature=c303" for size in SIZES]
	poll(createPSD(TEMPLATE, SIZES, urls, outputs, id, token), id, token)
	return outputs
