; Inno Setup script: a per-user Windows installer for the one-folder bundle (Inno Setup 6.2 or newer).
;
;   packaging\build.sh                      (in Git Bash: builds build\packaging\dist\volunteer-app)
;   iscc /DAppVersion=0.1.0 packaging\windows\volunteer-app.iss
;   -> build\packaging\installer\volunteer-app-0.1.0-windows-x64-setup.exe
;
; No administrator is needed: the app goes to %LOCALAPPDATA%\Programs\Volunteer App and its Start
; menu entry to the person's own Start menu. The person's data (database, keys, backups, logs,
; settings) lives in %LOCALAPPDATA%\volunteer-app (volunteer_app/paths.py, platformdirs), outside the
; program folder: an update keeps it, and the uninstaller keeps it unless its box is ticked.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\build\packaging\dist\volunteer-app"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build\packaging\installer"
#endif
#define AppName "Volunteer App"
#define AppExe "volunteer-app.exe"
#define DataFolder "volunteer-app"

[Setup]
; Fixed for good: Windows knows an installed app (and offers its update and uninstall) by this id.
AppId={{54A11740-3E2E-41EE-B6EB-6E0D2757428D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=volunteer-app contributors
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} installer
; Per user: no administrator, no UAC prompt. {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=volunteer-app-{#AppVersion}-windows-x64-setup
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle; an update first removes the old program files (never the data folder).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Micro-volunteering: tasks near you, verified hours"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; What the program itself leaves in its folder (Python caches); the data folder is handled in [Code].
Type: filesandordirs; Name: "{app}\_internal"

[Code]
var
  DeleteData: Boolean;

function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

{ Before anything is removed: ask, with a box that is NOT ticked, whether the data goes too. }
function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  DeleteData := False;
  Result := True;
  if UninstallSilent() then
  begin
    { Silent uninstall (scripts, updates): data is kept unless /DELETEDATA is given. }
    DeleteData := Pos('/DELETEDATA', Uppercase(GetCmdTail())) > 0;
    exit;
  end;
  Form := CreateCustomForm();
  try
    Form.ClientWidth := ScaleX(440);
    Form.ClientHeight := ScaleY(170);
    Form.Caption := 'Uninstall {#AppName}';

    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.Left := ScaleX(12);
    Note.Top := ScaleY(12);
    Note.Width := Form.ClientWidth - ScaleX(24);
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Height := ScaleY(64);
    Note.Caption := '{#AppName} will be removed from this computer. Your data stays in ' + DataDir() +
      ' (the database with your hours, signing keys, backups and settings), so a new installation ' +
      'finds it again.';

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Note.Top + Note.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(34);
    Box.Caption := 'Also delete my data (the database, keys and backups). This cannot be undone.';
    Box.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := 'Uninstall';
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    OkButton.Width := ScaleX(90);
    OkButton.Height := ScaleY(26);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.Left := Form.ClientWidth - ScaleX(2 * 90 + 20);

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := 'Cancel';
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    CancelButton.Width := ScaleX(90);
    CancelButton.Height := ScaleY(26);
    CancelButton.Top := OkButton.Top;
    CancelButton.Left := Form.ClientWidth - ScaleX(90 + 12);

    Result := Form.ShowModal() = mrOk;
    DeleteData := Result and Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteData and DirExists(DataDir()) then
  begin
    if not DelTree(DataDir(), True, True, True) then
      MsgBox('Some of your data could not be deleted; remove the folder ' + DataDir() + ' by hand.',
        mbInformation, MB_OK);
  end;
end;
