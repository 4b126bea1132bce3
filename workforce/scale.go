package workforce

// The assessment scale: how well a person does what a unit of the card
// describes. It is stated on every assessment page and export, so that a
// 3 means the same to the employee, the manager and the auditor. A unit
// confirmed by a recognised certificate counts as at least LevelIndependent,
// the level a recognition centre assesses.
const (
	LevelNone        = 0 // not demonstrated
	LevelAware       = 1 // knows what it involves, has not done it
	LevelAssisted    = 2 // does it with help or supervision
	LevelIndependent = 3 // does it independently, to the standard
	LevelExpert      = 4 // does it in hard cases and teaches others
	MaxLevel         = LevelExpert
)

// ValidLevel reports whether l is on the scale.
func ValidLevel(l int) bool { return l >= LevelNone && l <= MaxLevel }

// Levels lists the scale.
func Levels() []int {
	return []int{LevelNone, LevelAware, LevelAssisted, LevelIndependent, LevelExpert}
}

// LevelNames names each level of the scale in kk, ru and en.
var LevelNames = map[string][MaxLevel + 1]string{
	"en": {"not demonstrated", "knows what it involves", "does it with help", "does it independently", "expert, teaches others"},
	"ru": {"не продемонстрировано", "знает, что это включает", "выполняет с помощью", "выполняет самостоятельно", "эксперт, обучает других"},
	"kk": {"көрсетілмеген", "не қамтитынын біледі", "көмекпен орындайды", "өз бетінше орындайды", "сарапшы, басқаларды үйретеді"},
}

// LevelName is level l in lang (English for an unknown language).
func LevelName(lang string, l int) string {
	names, ok := LevelNames[lang]
	if !ok {
		names = LevelNames["en"]
	}
	if !ValidLevel(l) {
		return ""
	}
	return names[l]
}
