// Words for the generated bench banks: the 1,200 most frequent words (of three letters or more) of the bundled notes,
// most frequent first, so a bank drawn from them with Zipf's law has the spread of words a real bank of one service has.
// Listed here, not read from content/, so the bench bank stays the same when the notes change.

export const WORDS = (
  "the and user pool with cognito identity for token that role sign app access iam aws not users api which can from " +
  "client only reference credentials tokens dynamodb policy must key one pools are attributes com each use authorizer " +
  "email lambda amazon custom authentication allow its password trigger does has request default every set what " +
  "amazonaws arn authorization provider when developer authenticated load login action control flow group using " +
  "balancer gateway calls claims mfa condition new plus add idp jwt two after code groups own roles session signed sub " +
  "apis managed plan pre then sts name claim needs resource call function per refresh security also aud auth change " +
  "guest oidc domain keys rest returns saml service scopes them through username have list same uses create read " +
  "attribute because header all before but choose domains out their endpoint scope should they this value without " +
  "check hosted http recall table authenticate your application never web essentials feature protection would you rule " +
  "signs such threat trust adds unauthenticated first into phone principal who classic oauth version account checks " +
  "mode address any get partition prefix rules admin json method secret team administrator authorizers may query scan " +
  "statement temporary three whose assumerolewithwebidentity cannot facebook google instead requests sample based " +
  "caller deny device leadingkeys pages runs allows example index message names preferred stringequals variable " +
  "allowed amr backend identities mobile passwords providers scs signature verified alb holds itself level profile " +
  "public reads return still audience basic dva effect enhanced grant issuer seconds wants conditions doesn generation " +
  "guests how items keep matches openid region setting tags both challenge company denied directory required sends " +
  "than bucket carry clients data gets match minutes old permissions self server these triggers used values amzn " +
  "changes forallvalues getitem issued item lite long other plans policies post risk send single tier cookie customer " +
  "fine getcredentialsforidentity grained number off settings sms url about actions against issues keeps mapping meets " +
  "once requires services signing social time type verify already configuration features gives migrate need optional " +
  "response run select source write accepts appsync block branding configured confirmation east existing federated " +
  "give least lets nothing targets there those turn until updated files make map named put recovery sdk sessions " +
  "several specific while back created customers days fails foranyvalue getobject https last most precedence private " +
  "receive receives reset returnvalues row shared valid accounts adaptive again always another apple callback context " +
  "creates different editor export factor federation hour jwts logout longer machine party requirements stringlike " +
  "timeout works added admincreateuser applies browser carries error ids jwks later lists logins modes none now pass " +
  "pick reach saa text under validate west advanced alias answer certificate console end even event getid grants ins " +
  "leaves let more move short tagsession term trusts updateitem validates attempt built compromised database decides " +
  "directly equals expression field format getopenidtoken guid hours identifier initiateauth invokes iss job kid limit " +
  "limits makes missing needed next order page redirect register relying require revocation signup sigv stored tag " +
  "userinfo way well where whether alone apps audit authorized belongs choice confirmed connect either employees " +
  "external full graphql here idps info invoke lived object operations parameter permission principaltag priority " +
  "replace requirement route solution statements true upload validation variables verifying why wrong accept accepted " +
  "adding additional amazoncognitounauthedidentitiessessionpolicy assertion available batchgetitem bearer cache " +
  "contains corpad correct current down encrypted equal execute exist exists exp extra fail formerly " +
  "getopenidtokenfordeveloperidentity headers higher include just listener local lower overhead passkey place " +
  "putobject resolution responses sent sets signin stores takes totp urls usernotes validity was whole activity apply " +
  "ask attach belong below best building called chosen come common confirm confirms confirmsignup creating " +
  "customization day deleteuser devices duration endpoints evaluates expiry fixed flows globalsignout graph hand hands " +
  "implicit library listbucket made mappings maximum membership offer option options otherwise outside passrole " +
  "passwordless path plain profiles puts queries rather recommends reject reports resolves second secure see separate " +
  "ses sessiontimeout setidentitypoolroles shows sort target tenant third turned update uploads verifies waf webauthn " +
  "whatever acl addresses adminconfirmsignup administrators admins assertions behind case cause center checked compare " +
  "compares configure configuring confirmforgotpassword contain copies cost cup deletes department detection everyone " +
  "five guide includes integrate internal issue laptop leave lifetime linked listed listing log logs members messages " +
  "moving network newer objects offers operational orders owner ownerid passes photo pics pictures raise readers " +
  "remove result right sender setup share sid simple stays store too treats unless userpoolid visitors work working " +
  "writes www able accountrecoverysetting acm across active ambiguous answers arns awselbauthsessioncookie batch " +
  "batchwriteitem between blocked blocks bydate calling cases chooses choosing cip codes comes could credential decide " +
  "define deleteitem don during else enabled evaluate everything exactly exchange exchanges expire expires file " +
  "forgotpassword goes help high history inside int integration isn known large ldap legacy lifetimes like likely " +
  "limited low metadata older part passkeys pkce practices putitem reading refused regex registered requested retry " +
  "returned reuse rls save selection signer some srp starts status subscription successful supplies switch together " +
  "tries turns types typical understanding uri valued verification whenever aaaa acts among anyone approach associated " +
  "authenticator authorize authorizing autoconfirmuser automatic build cached caching cloudwatch consumer costs count " +
  "counts cross css customrolearn decrypt denies documents drafts element engineer enterprise entry events exposes " +
  "failed federate filter fix fixes folder gameid hold host identitypoolroleattachment import including invocation " +
  "javascript keyed lack lacks leaked leaks logo look looks lowest maintains many mapped matching matters means meant " +
  "metrics nickname notes onunauthenticatedrequest opaque operation over passwordhistorysize paths pattern people " +
  "perform person picks playerid polly projected protects proxy records references regular rejected rejects revoke " +
  "revoketoken says scans scores secondary separately shorter simplified skip software standard start stickiness stops " +
  "stringequalsifexists succeed support take tells temporarypasswordvaliditydays traffic trusted ttl turning " +
  "unauthorized unique upn usually want welcome wins within years yet absolute accessing accesstoken " +
  "adminaddusertogroup adminlinkproviderforuser adminuserglobalsignout allowadmincreateuseronly " +
  "ambiguousroleresolution anti apart appclientid appears appidclientregex appleid applications arrive asked asks " +
  "assigned associatesoftwaretoken assumerole assumes attaches audiences authenticatecognitoactionconfig " +
  "authenticatedrole authflow automatically autoverifyemail avoid boolean builds changed changing cloudtrail " +
  "cognitoidentityid combined comparing concept contents createidentitypool creation csv customizing decision deleting " +
  "design designed download downloads durationseconds earlier edit editors elsewhere embed enable " +
  "enablesimpleresponses entity errors evaluated ever exam examples existingobjecttag expect expected expects expired " +
  "exposed fallback falls fetch few fga fills filters fits force forces forgot forward fragment free front getuser " +
  "given granting handles handling hidden highest identifies idle idn idpresponse ignored ignores immutable " +
  "integrations intn invitation invoking involved know label less link linking listeners maintain manager maps mark " +
  "matched merges multi nat nobody notequal numbers often operator outbound overview ovr owns pair players playerstats " +
  "plural postconfirmation prefixes present primary production proof raising ranges rate reason redirected remembered " +
  "requestcontext requiring returning revoked rolemapping routing rows scenarios schema scoped sec selected serve " +
  "shipped side sim since sit small sometimes stage startswith stay step stop storing straight supports swap " +
  "synchronously system taskid tasks test therefore touch trusting unconfirmed updateuserpool usable usage " +
  "usermigration usernameattributes usernames vault verifysoftwaretoken verifyuserattribute versions ways were " +
  "whichever workflows workforce written abac above accessdenied acls admincreateuserconfig admincreateuserconfigtype " +
  "administer administering adminrole adminsetusersettings adminupdateuserattributes ajax aliasattributes alice " +
  "allowclassicflow alternative amazoncognito amz analytics anonymous anything anyway apigateway apigw architect area " +
  "arrives assume assumerolewithsaml attached attributesrequireverificationbeforeupdate authorizerresultttlinseconds " +
  "authorizes avatarurl awsalb azp background balancing banreason bases behalf being bestscore braces brand breaks " +
  "bring callers captcha careful carrying catalog certificates challenged challengerequiredonnewdevice challenges " +
  "changepassword charge chose colon complete concurrency confidential configurable configures "
).trim().split(" ");
