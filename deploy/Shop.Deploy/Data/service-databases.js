// Custom::ServiceDatabase: creates (or updates the password of) one service's PostgreSQL login and creates its
// database, owned by that login, through the RDS Data API. Deleting the resource keeps both: data outlives stacks.
const { RDSDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-rds-data');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const rds = new RDSDataClient({});
const secrets = new SecretsManagerClient({});
const identifier = /^[a-z][a-z0-9_]{0,62}$/;
const password = /^[A-Za-z0-9]{20,128}$/;

async function run(p, sql) {
  const result = await rds.send(new ExecuteStatementCommand({
    resourceArn: p.ClusterArn, secretArn: p.AdminSecretArn, database: 'postgres', sql,
  }));
  return result.records || [];
}

async function apply(p) {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: p.ServiceSecretArn }));
  const login = JSON.parse(secret.SecretString);
  // DDL takes no bind parameters: the names and the password are checked instead, so nothing needs quoting.
  if (!identifier.test(login.username) || !identifier.test(p.Database) || !password.test(login.password)) {
    throw new Error('The login, the database name or the password has unexpected characters.');
  }
  const roleExists = (await run(p, `SELECT 1 FROM pg_roles WHERE rolname = '${login.username}'`)).length > 0;
  await run(p, `${roleExists ? 'ALTER' : 'CREATE'} ROLE ${login.username} LOGIN PASSWORD '${login.password}'`);
  // The administrator must be able to act as the owner to create a database owned by it.
  await run(p, `GRANT ${login.username} TO CURRENT_USER`);
  if ((await run(p, `SELECT 1 FROM pg_database WHERE datname = '${p.Database}'`)).length === 0) {
    await run(p, `CREATE DATABASE ${p.Database} OWNER ${login.username}`);
  }
  await run(p, `REVOKE ALL ON DATABASE ${p.Database} FROM PUBLIC`);
}

exports.handler = async (event) => {
  let status = 'SUCCESS';
  let reason = 'ok';
  try {
    if (event.RequestType !== 'Delete') {
      await apply(event.ResourceProperties);
    }
  } catch (error) {
    console.error(error);
    status = 'FAILED';
    reason = String(error.message).slice(0, 500);
  }
  await fetch(event.ResponseURL, {
    method: 'PUT',
    body: JSON.stringify({
      Status: status,
      Reason: reason,
      PhysicalResourceId: event.ResourceProperties.Database,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  });
};
