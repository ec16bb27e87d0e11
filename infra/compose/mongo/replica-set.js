// mongo1's healthcheck, run with mongosh every few seconds. The first runs set the replica set
// up: they initiate it and then, on the primary and through MongoDB's localhost exception
// (no user exists yet), create the root user and the application's user. Later runs sign in
// as root and only report whether the set has a primary. Exit code 0 = healthy.
const admin = db.getSiblingDB('admin');
const root = { user: process.env.MONGO_ROOT_USERNAME, pwd: process.env.MONGO_ROOT_PASSWORD };
const app = { user: process.env.COCON_MONGO_USERNAME, pwd: process.env.COCON_MONGO_PASSWORD };

function signIn() {
  try {
    return admin.auth(root.user, root.pwd).ok === 1;
  } catch (e) {
    return false; // no root user yet
  }
}

const signedIn = signIn();
// hello answers without signing in; it names the set once the set is initiated
if (!db.hello().setName) {
  // mongo1 gets the higher priority so that it is elected and can create the users
  rs.initiate({
    _id: 'rs0',
    members: [
      { _id: 0, host: 'mongo1:27017', priority: 2 },
      { _id: 1, host: 'mongo2:27017', priority: 1 },
      { _id: 2, host: 'mongo3:27017', priority: 1 },
    ],
  });
  quit(1);
}
if (!signedIn) {
  if (!db.hello().isWritablePrimary) {
    quit(1);
  }
  admin.createUser({ user: root.user, pwd: root.pwd, roles: ['root'] });
  admin.auth(root.user, root.pwd);
}
const cocon = db.getSiblingDB('cocon');
if (cocon.getUser(app.user) === null) {
  if (!db.hello().isWritablePrimary) {
    quit(1);
  }
  cocon.createUser({ user: app.user, pwd: app.pwd, roles: [{ role: 'readWrite', db: 'cocon' }] });
}
quit(db.hello().primary ? 0 : 1);
