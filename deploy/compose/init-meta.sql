-- Each Petri service owns its tables in its own database.
CREATE DATABASE petri_masking_service;
CREATE DATABASE petri_image_service;
CREATE DATABASE petri_pool_service;
CREATE DATABASE petri_provisioner_service;
