"""Product-photo jobs on Adobe's Photoshop API (still on v1)."""
