; Loyalty Terminal - Windows installer (Inno Setup 6.3 or newer).
;
; Packs the PyInstaller one-folder build (dist\loyalty-terminal\, made by
; build_scripts\build_windows.ps1 from build_scripts\loyalty_terminal.spec) into one Setup .exe:
;   ISCC.exe /DAppVersion=0.2.0 build_scripts\installer\loyalty-terminal.iss
;   -> dist\installer\LoyaltyTerminal-Setup-0.2.0.exe
;
; Interactive install: the usual wizard (folder, optional desktop icon). Without /TOKEN the
; terminal is not enrolled; the window asks for the server and token on first start.
;
; Silent provisioning by IT, one line per store PC, run by (or elevated from) the Windows
; account the cashier uses, because the device credential goes into THAT account's Windows
; Credential Manager:
;   LoyaltyTerminal-Setup-0.2.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;       /SERVER=https://loyalty.example.com /TOKEN=<one-time enrolment token>
;       [/STORE=CAFE-XINYI] [/TERMINAL=PC-1] [/MERGETASKS="desktopicon"]
;
;   /SERVER, /STORE, /TERMINAL  written to the site configuration
;                               C:\ProgramData\LoyaltyTerminal\config.toml ([sync] server_url,
;                               [terminal] store_id, terminal_id). An existing file is kept as
;                               config.toml.bak and replaced. Nothing is written without them.
;   /TOKEN                      runs `loyalty-terminal.exe enroll --server URL --token TOKEN
;                               --terminal ID` as the original (non-elevated) user. This script
;                               never writes the token to a file nor logs it.
;                               /TERMINAL defaults to the computer name.
;   Exit codes: Inno Setup's own (0 ok, 1-8), and when the files were installed but the
;   enrolment failed: 20 + the CLI's exit code (22 usage, 23 refused, 24 setup problem, e.g. an
;   expired or used token, or Credential Manager refused the credential - the token then stays
;   valid; 25 server unreachable - run it again with the same token; 26 internal error), 28 when the site configuration
;   could not be written (not enrolled then) or 29 when the program could not be started. Details: %LOCALAPPDATA%\LoyaltyTerminal\Logs\terminal.log of the cashier's account.
;   Do not add /LOG on the command line of a provisioning run: Inno Setup records its own
;   command line (with /TOKEN=...) in that log. The token is one-time, but keep it out of files.
;
; Uninstall: `loyalty-terminal.exe unenroll` runs first (revokes the device on the server and
; forgets the device credential of the account that uninstalls; offline, terminal.log names the
; admin command that revokes the device on the server). Data are kept - the site configuration and each user's replica and
; logs (%LOCALAPPDATA%\LoyaltyTerminal) - unless the interactive uninstall is told to delete
; them, or a silent one is given /PURGE:
;   "C:\Program Files\Loyalty Terminal\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES [/PURGE]

#ifndef AppVersion
  #define AppVersion "0.2.0"
#endif
#define AppName "Loyalty Terminal"
#define AppPublisher "Loyalty Terminal"
; Must match APP_NAME / CLI_NAME in build_scripts/loyalty_terminal.spec (tests/packaging checks it).
#define AppExeName "loyalty-terminal.exe"
#define CliExeName "loyalty-terminal-cli.exe"
#define DistDir "..\..\dist\loyalty-terminal"
; Same folder name as terminal.infra.paths.APP (platformdirs: site config and per-user data).
#define DataFolder "LoyaltyTerminal"

[Setup]
AppId={{7C1E5B2A-3F4D-4E8B-9A61-2D5C8F0B4E73}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=LoyaltyTerminal-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
; Close a running terminal (Restart Manager) before replacing its files; do not restart it.
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not mix two versions' libraries in _internal\.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Site configuration folder; kept on uninstall unless purged (see [Code]).
Name: "{commonappdata}\{#DataFolder}"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} (demo)"; Filename: "{app}\{#AppExeName}"; Parameters: "demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Enrolment is not here but in [Code] (ssPostInstall, ExecAsOriginalUser - the [Code] form of
; `Flags: runasoriginaluser waituntilterminated`): a [Run] entry's exit code is ignored, and
; a failed enrolment must fail a silent deployment (GetCustomSetupExitCode below).
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallRun]
; Runs as the uninstalling account (Inno Setup cannot run uninstall steps as another user):
; it forgets the credential in that account's Credential Manager.
Filename: "{app}\{#AppExeName}"; Parameters: "unenroll"; WorkingDir: "{app}"; Flags: runhidden waituntilterminated; RunOnceId: "UnenrollTerminal"

[Code]
const
  EnrolExitBase = 20;       { installer exit code = 20 + CLI exit code }
  ConfigNotWritten = 28;
  EnrolNotStarted = 29;

var
  EnrolExitCode: Integer;   { 0 = configured and enrolled, or nothing asked for }

{ Value of /NAME=value on Setup's command line, '' when absent. }
function SetupParam(const Name: String): String;
begin
  Result := Trim(ExpandConstant('{param:' + Name + '|}'));
end;

function CmdLineHasSwitch(const Switch: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Switch) = 0 then
    begin
      Result := True;
      Exit;
    end;
end;

function IsIdChar(const C: Char): Boolean;
begin
  Result := ((C >= 'A') and (C <= 'Z')) or ((C >= 'a') and (C <= 'z')) or ((C >= '0') and (C <= '9'))
            or (C = '-') or (C = '_') or (C = '.');
end;

{ Store and terminal ids, and enrolment tokens (secrets.token_urlsafe): no quoting needed. }
function IsPlainId(const S: String; const MaxLen: Integer): Boolean;
var
  I: Integer;
begin
  Result := (Length(S) > 0) and (Length(S) <= MaxLen);
  for I := 1 to Length(S) do
    if not IsIdChar(S[I]) then
    begin
      Result := False;
      Exit;
    end;
end;

{ The same rule as terminal/infra/config.py: http:// or https://; no blanks, quotes or controls. }
function IsServerUrl(const S: String): Boolean;
var
  I: Integer;
begin
  Result := ((Copy(S, 1, 7) = 'http://') or (Copy(S, 1, 8) = 'https://')) and (Length(S) <= 2000);
  for I := 1 to Length(S) do
    if (Ord(S[I]) <= 32) or (S[I] = '"') or (S[I] = '\') or (Ord(S[I]) = 127) then
    begin
      Result := False;
      Exit;
    end;
end;

{ TOML basic string. Values are validated above; escaping is belt and braces. }
function TomlString(const S: String): String;
begin
  Result := S;
  StringChangeEx(Result, '\', '\\', True);
  StringChangeEx(Result, '"', '\"', True);
  Result := '"' + Result + '"';
end;

function TerminalId: String;
begin
  Result := SetupParam('TERMINAL');
  if Result = '' then
    Result := Uppercase(ExpandConstant('{computername}'));
end;

procedure ProvisioningError(const Msg: String);
begin
  Log('Provisioning error: ' + Msg);
  SuppressibleMsgBox(Msg, mbCriticalError, MB_OK, IDOK);
end;

{ Check the provisioning parameters before anything is installed. }
function InitializeSetup: Boolean;
var
  Server, Store, Terminal, Token: String;
begin
  Result := True;
  EnrolExitCode := 0;
  Server := SetupParam('SERVER');
  Store := SetupParam('STORE');
  Terminal := SetupParam('TERMINAL');
  Token := SetupParam('TOKEN');
  if (Server <> '') and not IsServerUrl(Server) then
  begin
    ProvisioningError('/SERVER must be an http:// or https:// URL without spaces or quotes, e.g. /SERVER=https://loyalty.example.com');
    Result := False;
  end
  else if (Store <> '') and not IsPlainId(Store, 64) then
  begin
    ProvisioningError('/STORE may contain letters, digits, "-", "_" and "." only (at most 64).');
    Result := False;
  end
  else if (Terminal <> '') and not IsPlainId(Terminal, 64) then
  begin
    ProvisioningError('/TERMINAL may contain letters, digits, "-", "_" and "." only (at most 64).');
    Result := False;
  end
  else if (Token <> '') and not IsPlainId(Token, 512) then
  begin
    ProvisioningError('/TOKEN is not an enrolment token (letters, digits, "-" and "_").');
    Result := False;
  end
  else if (Token <> '') and (SetupParam('TERMINAL') = '') and not IsPlainId(TerminalId, 64) then
  begin
    ProvisioningError('The computer name cannot be used as the terminal id: give /TERMINAL=ID.');
    Result := False;
  end;
end;

{ C:\ProgramData\LoyaltyTerminal\config.toml from /SERVER, /STORE, /TERMINAL (UTF-8).
  False (logged) when it could not be written; the installed files stay. }
function WriteSiteConfig: Boolean;
var
  Server, Store, Terminal, Dir, Path: String;
  Lines: TArrayOfString;
  N: Integer;
begin
  Result := True;
  Server := SetupParam('SERVER');
  Store := SetupParam('STORE');
  Terminal := SetupParam('TERMINAL');
  if (Server = '') and (Store = '') and (Terminal = '') then
  begin
    Log('No /SERVER, /STORE or /TERMINAL: the site configuration is left as it is.');
    Exit;
  end;
  Result := False;
  Dir := ExpandConstant('{commonappdata}\{#DataFolder}');
  Path := Dir + '\config.toml';
  if not ForceDirectories(Dir) then
  begin
    Log('Cannot create ' + Dir);
    Exit;
  end;
  if FileExists(Path) then
  begin
    DeleteFile(Path + '.bak');
    if not RenameFile(Path, Path + '.bak') then
    begin
      Log('Cannot replace ' + Path + ' (open or read-only?)');
      Exit;
    end;
    Log('Kept the previous site configuration as ' + Path + '.bak');
  end;
  SetArrayLength(Lines, 12);
  N := 0;
  Lines[N] := '# Loyalty Terminal site configuration, written by the installer ' + GetDateTimeString('yyyy-mm-dd hh:nn', '-', ':') + '.'; N := N + 1;
  Lines[N] := '# Machine-wide; a user file or LT_* environment variables may override it (`loyalty-terminal-cli config show`).'; N := N + 1;
  Lines[N] := '# No secrets here: the device credential is in the Windows Credential Manager of the cashier''s account.'; N := N + 1;
  if (Store <> '') or (Terminal <> '') then
  begin
    Lines[N] := ''; N := N + 1;
    Lines[N] := '[terminal]'; N := N + 1;
    if Store <> '' then begin Lines[N] := 'store_id = ' + TomlString(Store); N := N + 1; end;
    if Terminal <> '' then begin Lines[N] := 'terminal_id = ' + TomlString(Terminal); N := N + 1; end;
  end;
  if Server <> '' then
  begin
    Lines[N] := ''; N := N + 1;
    Lines[N] := '[sync]'; N := N + 1;
    Lines[N] := 'server_url = ' + TomlString(Server); N := N + 1;
  end;
  SetArrayLength(Lines, N);
  { UTF-8 with a BOM: terminal/infra/config.py reads the file as utf-8-sig. }
  Result := SaveStringsToUTF8File(Path, Lines, False);
  if Result then
    Log('Wrote the site configuration ' + Path)
  else
    Log('Cannot write ' + Path);
end;

{ `loyalty-terminal.exe enroll ...` as the user who started Setup (not the elevated admin), so
  the credential lands in that user's Credential Manager and the replica in that user's
  %LOCALAPPDATA%. The parameters (with the token) are not logged. }
procedure Enrol;
var
  Token, Server, Params, Exe: String;
  ResultCode: Integer;
begin
  Token := SetupParam('TOKEN');
  if Token = '' then
  begin
    Log('No /TOKEN: not enrolled now; the terminal asks for the server and token on first start.');
    Exit;
  end;
  Server := SetupParam('SERVER');
  Exe := ExpandConstant('{app}\{#AppExeName}');
  Params := 'enroll --token ' + Token + ' --terminal ' + TerminalId;
  if Server <> '' then
    Params := Params + ' --server ' + Server;
  if not WizardSilent then
    WizardForm.StatusLabel.Caption := 'Enrolling this terminal with the central server...';
  Log('Enrolling terminal ' + TerminalId + ' as the original user (server: '
      + Server + '; empty = the site configuration''s server_url).');
  if not ExecAsOriginalUser(Exe, Params, ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated, ResultCode) then
  begin
    EnrolExitCode := EnrolNotStarted;
    Log('Enrolment could not start: ' + SysErrorMessage(ResultCode));
  end
  else if ResultCode <> 0 then
  begin
    EnrolExitCode := EnrolExitBase + ResultCode;
    Log('Enrolment failed: loyalty-terminal enroll exited ' + IntToStr(ResultCode)
        + ' (2 usage, 3 refused, 4 setup problem: expired/used token or the credential vault refused the'
        + ' credential, 5 server unreachable, 6 internal error).');
  end
  else
    Log('Enrolled.');
  if EnrolExitCode <> 0 then
    SuppressibleMsgBox('Loyalty Terminal was installed, but enrolling this PC with the central server failed '
      + '(code ' + IntToStr(EnrolExitCode) + '). Start the terminal to enrol it (the same token still works '
      + 'unless it was used or has expired), or see '
      + 'terminal.log in %LOCALAPPDATA%\{#DataFolder}\Logs.', mbError, MB_OK, IDOK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
  begin
    if WriteSiteConfig then
      Enrol
    else
    begin
      EnrolExitCode := ConfigNotWritten;
      SuppressibleMsgBox('Loyalty Terminal was installed, but the site configuration '
        + ExpandConstant('{commonappdata}\{#DataFolder}\config.toml') + ' could not be written, so this PC '
        + 'was not enrolled. See the setup log.', mbError, MB_OK, IDOK);
    end;
  end;
end;

{ Called when Setup would otherwise exit 0: report a failed enrolment to the deployment tool. }
function GetCustomSetupExitCode: Integer;
begin
  Result := EnrolExitCode;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    if UninstallSilent then
      Purge := CmdLineHasSwitch('/PURGE')
    else
      Purge := MsgBox('Also delete the site configuration (C:\ProgramData\{#DataFolder}) and this account''s '
        + 'terminal data and logs (%LOCALAPPDATA%\{#DataFolder})?' + #13#10#13#10
        + 'Sales that were not yet synced with the central server would be lost. Choose No to keep them.',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if Purge then
    begin
      Log('Purging terminal data.');
      DelTree(ExpandConstant('{commonappdata}\{#DataFolder}'), True, True, True);
      DelTree(ExpandConstant('{localappdata}\{#DataFolder}'), True, True, True);
    end
    else
      Log('Keeping the site configuration and terminal data.');
  end;
end;
