-- ALTER ROLE takes no parameters: quote the password with format(%L) on the server.
SELECT format('ALTER ROLE hiraku_api PASSWORD %L', $1::text)
