-- ALTER ROLE takes no parameters: the limit is formatted as an integer on the server.
SELECT format('ALTER ROLE hiraku_api CONNECTION LIMIT %s', $1::integer)
