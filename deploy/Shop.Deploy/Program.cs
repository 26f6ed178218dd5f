using Amazon.CDK;
using Shop.Deploy;

var app = new App();
ShopApp.Build(app, DeploySettings.From(app.Node));
app.Synth();
