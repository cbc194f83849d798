"""A conference demo (remove a background, then poll): tab-indented, the cutout's colour and mask
options set, the status link read with subscripts, a `while` on two states."""

import os
import time

import requests

CLIENT_ID = os.environ.get("ADOBE_CLIENT_ID")


def create_removebg_job(client_id, token, input_url, upload_url):
	data = {
		"input": {"href": input_url, "storage": "external"},
		"options": {"optimize": "performance"},
		"output": {
			"href": upload_url,
			"storage": "external",
			"overwrite": True,
			"color": {"space": "rgb"},
			"mask": {"format": "soft"},
		},
	}
	response = requests.post("https://image.adobe.io/sensei/cutout", headers={"Authorization": f"Bearer {token}", "x-api-key": client_id}, json=data)
	return response.json()


def main():
	token = os.environ["ADOBE_ACCESS_TOKEN"]
	job = create_removebg_job(
		CLIENT_ID,
		token,
		"https://acme-assets.s3.amazonaws.com/in/dogs.jpg?X-Amz-Signature=t201",
		"https://acme-assets.s3.amazonaws.com/out/dogs_nobg.png?X-Amz-Signature=t202",
	)
	job_url = job["_links"]["self"]["href"]
	status = ""
	while status != "succeeded" and status != "failed":
		json_response = requests.get(job_url, headers={"Authorization": f"Bearer {token}", "x-api-key": CLIENT_ID}).json()
		status = json_response["status"]
		if status != "succeeded" and status != "failed":
			time.sleep(3)
	return status
