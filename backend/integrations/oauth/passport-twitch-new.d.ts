// passport-twitch-new ships no types; it is passport-oauth2's strategy with Twitch's URLs and profile.
declare module 'passport-twitch-new' {
  import OAuth2Strategy from 'passport-oauth2';

  export class Strategy extends OAuth2Strategy {}
}
