-- CREATE DATABASE takes no parameters: quote the name with format(%I) on the server.
SELECT format('CREATE DATABASE %I', $1::text)
